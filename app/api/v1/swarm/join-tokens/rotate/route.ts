import { readJsonBody } from '@/lib/api/read-json-body';
import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase, managerClientFor } from '@/lib/server/services';
import { rotateJoinToken, rotateTokenSchema } from '@/lib/swarm/join-tokens';

export const dynamic = 'force-dynamic';

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, rotateTokenSchema);
    const docker = managerClientFor(user);
    const subject = { actor: user.username, action: 'swarm.join-token.rotate', target: input.role, address: clientAddress(request.headers) };
    const joinTokens = await runAudited(await getDatabase(), subject, () => rotateJoinToken(docker, input.role));
    return Response.json({ joinTokens });
  },
  { role: 'admin' },
);
