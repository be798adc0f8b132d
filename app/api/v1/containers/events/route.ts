import { withSession } from '@/lib/auth/guard';
import { containerEventStream } from '@/lib/containers/container-events-stream';
import { getContainerChangeFeed } from '@/lib/containers/registry-feed';

export const dynamic = 'force-dynamic';

// Server-sent events: `container` events ({kind: upsert|remove|resync, id, host, container?}).
export const GET = withSession(
  async ({ request }) =>
    new Response(await containerEventStream(getContainerChangeFeed(), request.signal), {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        // no-transform: the built-in compression would otherwise buffer the stream.
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      },
    }),
  { permission: 'containers:read' },
);
