import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase, managerClientFor } from '@/lib/server/services';
import { rollbackService } from '@/lib/swarm/services';

export const dynamic = 'force-dynamic';

export const POST = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const docker = managerClientFor(user);
    const subject = { actor: user.username, action: 'swarm.service.rollback', target: params.id, address: clientAddress(request.headers) };
    const service = await runAudited(await getDatabase(), subject, () => rollbackService(docker, params.id), (s) => ({ image: s.image }));
    return Response.json({ service });
  },
  { permission: 'swarm:write' },
);
