import { withSession } from '@/lib/auth/guard';
import { getServices } from '@/lib/server/services';
import { listServiceTasks } from '@/lib/swarm/services';

export const dynamic = 'force-dynamic';

export const GET = withSession<{ id: string }>(
  async ({ params }) => {
    const { docker, config } = getServices();
    return Response.json({ tasks: await listServiceTasks(docker, config.docker.url, params.id) });
  },
  { permission: 'swarm:read' },
);
