import { withSession } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/engines/registry';
import { hostParam } from '@/lib/engines/host-param';
import { containerStatsStream } from '@/lib/containers/stats-stream';
import { sseResponse } from '@/lib/http/sse-response';

export const dynamic = 'force-dynamic';

// GET /api/v1/containers/:id/stats/stream?host=: server-sent `sample` events (one a second) until
// the browser goes; `stats-error` when the container stops. 404 missing, 409 not running.
export const GET = withSession<{ id: string }>(
  async ({ request, user, params }) => sseResponse(await containerStatsStream(getContainerContext(user), params.id, hostParam(request), request.signal)),
  { permission: 'containers:read' },
);
