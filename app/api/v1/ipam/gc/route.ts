import { readJsonBody } from '@/lib/api/read-json-body';
import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { gcSchema, runGc } from '@/lib/ipam-view/actions';
import { consoleGcTarget, getIpamStore } from '@/lib/ipam-view/console-ipam';
import { userCaller } from '@/lib/docker/engine-request';
import { getDatabase } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, gcSchema);
    const subject = {
      actor: user.username,
      action: 'ipam.gc.run',
      target: null,
      address: clientAddress(request.headers),
      details: { freeGoneHosts: input.freeGoneHosts, graceSeconds: input.graceSeconds },
    };
    const result = await runAudited(
      await getDatabase(),
      subject,
      async () => {
        const { engine, hostId } = await consoleGcTarget(userCaller(user));
        return runGc(getIpamStore(), engine, hostId, input);
      },
      (r) => ({ freed: r.freedCount }),
    );
    return Response.json({ freed: result.freedCount, lines: result.lines });
  },
  { role: 'admin' },
);
