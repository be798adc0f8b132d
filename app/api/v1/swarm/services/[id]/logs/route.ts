import { readQuery } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { sseResponse } from '@/lib/http/sse-response';
import { managerClientFor } from '@/lib/server/services';
import { followServiceLogs, isFollow, serviceLogsQuerySchema } from '@/lib/swarm/service-log-stream';
import { serviceLogs } from '@/lib/swarm/services';

export const dynamic = 'force-dynamic';

// GET /api/v1/swarm/services/:id/logs?tail=200: JSON lines; with &follow=1, server-sent events until the client leaves.
export const GET = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const query = readQuery(request, serviceLogsQuerySchema);
    const docker = managerClientFor(user);
    if (isFollow(query)) return sseResponse(await followServiceLogs(docker, params.id, query.tail, request.signal));
    return Response.json({ lines: await serviceLogs(docker, params.id, query.tail) });
  },
  { permission: 'swarm:read' },
);
