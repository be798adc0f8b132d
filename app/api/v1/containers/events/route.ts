import { readQuery } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { containerEventStream } from '@/lib/containers/container-events-stream';
import { containerEventsQuerySchema } from '@/lib/containers/container-schema';
import { getContainerChangeFeed } from '@/lib/engines/registry-feed';
import { sseResponse } from '@/lib/http/sse-response';

export const dynamic = 'force-dynamic';

// Server-sent events: `ready` {resync}, then `container` events ({kind: upsert|remove|resync, id, host, container?}).
export const GET = withSession(
  async ({ request }) => {
    const { since } = readQuery(request, containerEventsQuerySchema);
    return sseResponse(containerEventStream(getContainerChangeFeed(), request.signal, { since }));
  },
  { permission: 'containers:read' },
);
