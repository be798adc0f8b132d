import { withSession } from '@/lib/auth/guard';
import { requestActor } from '@/lib/server/request-actor';
import { getServices } from '@/lib/server/services';
import { rollbackServiceAudited } from '@/lib/swarm/service-mutations';

export const dynamic = 'force-dynamic';

export const POST = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const service = await rollbackServiceAudited(getServices(), await requestActor(user, request), { id: params.id });
    return Response.json({ service });
  },
  { permission: 'swarm:write' },
);
