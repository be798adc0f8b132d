import { withSession } from '@/lib/auth/guard';
import { managerClientFor } from '@/lib/server/services';
import { readJoinTokens } from '@/lib/swarm/join-tokens';

export const dynamic = 'force-dynamic';

// A join token lets a machine into the cluster: admins only.
export const GET = withSession(
  async ({ user }) => {
    const docker = managerClientFor(user);
    return Response.json({ joinTokens: await readJoinTokens(docker) });
  },
  { role: 'admin' },
);
