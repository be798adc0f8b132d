import { readJsonBody } from '@/lib/api/read-json-body';
import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { connectContainer, connectSchema } from '@/lib/networks/network-actions';
import { getDatabase, managerClientFor } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const POST = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const input = await readJsonBody(request, connectSchema);
    const docker = managerClientFor(user);
    const details: Record<string, string> = { container: input.container, ...(input.ipv4 ? { ipv4: input.ipv4 } : {}) };
    const subject = { actor: user.username, action: 'network.connect', target: params.id, address: clientAddress(request.headers), details };
    await runAudited(await getDatabase(), subject, () => connectContainer(docker, params.id, input));
    return new Response(null, { status: 204 });
  },
  { permission: 'networks:write' },
);
