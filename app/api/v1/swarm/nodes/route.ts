import { withSession } from '@/lib/auth/guard';
import { getServices } from '@/lib/server/services';
import { listNodes } from '@/lib/swarm/nodes';

export const dynamic = 'force-dynamic';

export const GET = withSession(
  async () => {
    const { docker, config } = getServices();
    return Response.json({ nodes: await listNodes(docker, config.docker.url) });
  },
  { permission: 'swarm:read' },
);
