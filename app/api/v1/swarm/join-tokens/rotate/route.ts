import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { requestActor } from '@/lib/server/request-actor';
import { getServices } from '@/lib/server/services';
import { rotateJoinTokenAudited } from '@/lib/swarm/join-token-mutations';
import { rotateTokenSchema } from '@/lib/swarm/join-token-schema';

export const dynamic = 'force-dynamic';

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, rotateTokenSchema);
    const joinTokens = await rotateJoinTokenAudited(getServices(), await requestActor(user, request), input);
    return Response.json({ joinTokens });
  },
  { role: 'admin' },
);
