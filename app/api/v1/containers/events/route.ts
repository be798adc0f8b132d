import { z } from 'zod';
import { readQuery } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { containerEventStream } from '@/lib/containers/container-events-stream';
import { getContainerChangeFeed } from '@/lib/containers/registry-feed';
import { sseResponse } from '@/lib/http/sse-response';

export const dynamic = 'force-dynamic';

const eventsQuerySchema = z.object({
  since: z.coerce.number({ message: 'since is the time the list was read, in milliseconds since 1970' }).int().nonnegative().optional(),
});

// Server-sent events: `ready` {resync}, then `container` events ({kind: upsert|remove|resync, id, host, container?}).
export const GET = withSession(
  async ({ request }) => {
    const { since } = readQuery(request, eventsQuerySchema);
    return sseResponse(containerEventStream(getContainerChangeFeed(), request.signal, { since }));
  },
  { permission: 'containers:read' },
);
