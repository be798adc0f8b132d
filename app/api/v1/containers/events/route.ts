import { withSession } from '@/lib/auth/guard';
import { containerEventStream } from '@/lib/containers/container-events-stream';
import { getContainerChangeFeed } from '@/lib/containers/registry-feed';
import { sseResponse } from '@/lib/http/sse-response';

export const dynamic = 'force-dynamic';

// Server-sent events: `container` events ({kind: upsert|remove|resync, id, host, container?}).
export const GET = withSession(
  async ({ request }) => sseResponse(await containerEventStream(getContainerChangeFeed(), request.signal)),
  { permission: 'containers:read' },
);
