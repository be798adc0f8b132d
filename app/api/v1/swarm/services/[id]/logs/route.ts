import { readQuery } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/containers/registry';
import { sseResponse } from '@/lib/http/sse-response';
import { getServices } from '@/lib/server/services';
import { followServiceLogs, isFollow, serviceLogsQuerySchema } from '@/lib/swarm/service-log-stream';
import { serviceLogs } from '@/lib/swarm/services';

export const dynamic = 'force-dynamic';

// GET /api/v1/swarm/services/:id/logs?tail=200: JSON lines; with &follow=1, server-sent events until the client leaves.
export const GET = withSession<{ id: string }>(
  async ({ request, params }) => {
    const query = readQuery(request, serviceLogsQuerySchema);
    const { docker, config } = getServices();
    if (isFollow(query)) {
      // The manager's handle carries a client without a timeout, for streams that stay open.
      const streaming = getContainerContext().handles[0]?.streaming ?? docker;
      return sseResponse(await followServiceLogs({ docker, streaming }, config.docker.url, params.id, query.tail, request.signal));
    }
    return Response.json({ lines: await serviceLogs(docker, config.docker.url, params.id, query.tail) });
  },
  { permission: 'swarm:read' },
);
