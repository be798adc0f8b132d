import { withSession } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/containers/registry';
import { hostParam } from '@/lib/containers/request-actor';
import { containerStatsStream } from '@/lib/containers/stats-stream';

export const dynamic = 'force-dynamic';

// GET /api/v1/containers/:id/stats/stream?host=: server-sent `sample` events (one a second) until
// the browser goes; `stats-error` when the container stops. 404 missing, 409 not running.
export const GET = withSession<{ id: string }>(
  async ({ request, params }) =>
    new Response(await containerStatsStream(getContainerContext(), params.id, hostParam(request), request.signal), {
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
