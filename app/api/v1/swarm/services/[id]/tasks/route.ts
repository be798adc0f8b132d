import { withSession } from '@/lib/auth/guard';
import { managerClientFor } from '@/lib/server/services';
import { listServiceTasks } from '@/lib/swarm/services';

export const dynamic = 'force-dynamic';

export const GET = withSession<{ id: string }>(
  async ({ user, params }) => {
    const docker = managerClientFor(user);
    return Response.json({ tasks: await listServiceTasks(docker, params.id) });
  },
  { permission: 'swarm:read' },
);
