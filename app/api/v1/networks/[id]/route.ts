import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { removeNetwork } from '@/lib/networks/network-actions';
import { inspectNetwork } from '@/lib/networks/network-view';
import { getDatabase, managerClientFor } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const GET = withSession<{ id: string }>(
  async ({ user, params }) => {
    const docker = managerClientFor(user);
    return Response.json({ network: await inspectNetwork(docker, params.id) });
  },
  { permission: 'networks:read' },
);

export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const docker = managerClientFor(user);
    const subject = { actor: user.username, action: 'network.remove', target: params.id, address: clientAddress(request.headers) };
    await runAudited(await getDatabase(), subject, () => removeNetwork(docker, params.id), (n) => ({ name: n.name }));
    return new Response(null, { status: 204 });
  },
  { permission: 'networks:write' },
);
