import { withSession } from '@/lib/auth/guard';
import { managerClientFor } from '@/lib/server/services';
import { listNodes } from '@/lib/swarm/nodes';

export const dynamic = 'force-dynamic';

export const GET = withSession(
  async ({ user }) => {
    const docker = managerClientFor(user);
    return Response.json({ nodes: await listNodes(docker) });
  },
  { permission: 'swarm:read' },
);
