import { readJsonBody } from '@/lib/api/read-json-body';
import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { addRange, addRangeSchema } from '@/lib/ipam-view/actions';
import { getIpamStore } from '@/lib/ipam-view/console-ipam';
import { getDatabase } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, addRangeSchema);
    const details: Record<string, string> = input.gateway ? { gateway: input.gateway } : {};
    const subject = {
      actor: user.username,
      action: `ipam.${input.kind}-range.add`,
      target: `${input.start}-${input.end}`,
      address: clientAddress(request.headers),
      details,
    };
    const pool = await runAudited(await getDatabase(), subject, () => addRange(getIpamStore(), input), (result) => ({ poolId: result.poolId }));
    return Response.json({ pool }, { status: 201 });
  },
  { role: 'admin' },
);
