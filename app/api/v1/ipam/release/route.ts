import { readJsonBody } from '@/lib/api/read-json-body';
import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { releaseAddress, releaseAddressSchema } from '@/lib/ipam-view/actions';
import { getIpamStore } from '@/lib/ipam-view/console-ipam';
import { getDatabase } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, releaseAddressSchema);
    const subject = { actor: user.username, action: 'ipam.address.release', target: input.address, address: clientAddress(request.headers) };
    const released = await runAudited(await getDatabase(), subject, () => releaseAddress(getIpamStore(), input.address, `console:${user.username}`), (r) => ({
      poolId: r.poolId,
    }));
    return Response.json({ released });
  },
  { role: 'admin' },
);
