import { withSession } from '@/lib/auth/guard';
import { getServices } from '@/lib/server/services';
import { readJoinTokens } from '@/lib/swarm/join-tokens';

export const dynamic = 'force-dynamic';

// A join token lets a machine into the cluster: admins only.
export const GET = withSession(
  async () => {
    const { docker, config } = getServices();
    return Response.json({ joinTokens: await readJoinTokens(docker, config.docker.url) });
  },
  { role: 'admin' },
);
