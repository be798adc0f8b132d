import { readJsonBody } from '@/lib/api/read-json-body';
import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { disconnectContainer, disconnectSchema } from '@/lib/networks/network-actions';
import { getDatabase, managerClientFor } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const POST = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const input = await readJsonBody(request, disconnectSchema);
    const docker = managerClientFor(user);
    const details = { container: input.container, force: input.force };
    const subject = { actor: user.username, action: 'network.disconnect', target: params.id, address: clientAddress(request.headers), details };
    await runAudited(await getDatabase(), subject, () => disconnectContainer(docker, params.id, input));
    return new Response(null, { status: 204 });
  },
  { permission: 'networks:write' },
);
