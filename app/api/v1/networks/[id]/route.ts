import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { removeNetwork } from '@/lib/networks/network-actions';
import { inspectNetwork } from '@/lib/networks/network-view';
import { getDatabase, getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const GET = withSession<{ id: string }>(
  async ({ params }) => {
    const { docker, config } = getServices();
    return Response.json({ network: await inspectNetwork(docker, config.docker.url, params.id) });
  },
  { permission: 'networks:read' },
);

export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const { docker, config } = getServices();
    const subject = { actor: user.username, action: 'network.remove', target: params.id, address: clientAddress(request.headers) };
    await runAudited(await getDatabase(), subject, () => removeNetwork(docker, config.docker.url, params.id), (n) => ({ name: n.name }));
    return new Response(null, { status: 204 });
  },
  { permission: 'networks:write' },
);
