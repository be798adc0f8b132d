import { withSession } from '@/lib/auth/guard';
import { removeSwarmObjectAudited } from '@/lib/secrets/secret-mutations';
import { requestActor } from '@/lib/server/request-actor';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

/** By id or name; a 409 naming the services while any mounts it. */
export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    await removeSwarmObjectAudited(getServices(), await requestActor(user, request), { kind: 'configs', id: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: 'secrets:write' },
);
