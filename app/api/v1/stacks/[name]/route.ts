import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { requestActor } from '@/lib/server/request-actor';
import { getDatabase, getServices, managerClientFor } from '@/lib/server/services';
import { removeStackAudited, updateStackAudited } from '@/lib/stacks/stack-mutations';
import { updateStackSchema } from '@/lib/stacks/stack-schema';
import { stackDetail } from '@/lib/stacks/stacks';

export const dynamic = 'force-dynamic';

export const GET = withSession<{ name: string }>(
  async ({ user, params }) => Response.json({ stack: await stackDetail(managerClientFor(user), await getDatabase(), params.name) }),
  { permission: 'stacks:read' },
);

// A redeploy with a changed file (POST /stacks/{name}/preview shows its diff first).
export const PUT = withSession<{ name: string }>(
  async ({ request, user, params }) => {
    const changes = await readJsonBody(request, updateStackSchema);
    const stack = await updateStackAudited(getServices(), await requestActor(user, request), { name: params.name, changes });
    return Response.json({ stack });
  },
  { permission: 'stacks:write' },
);

export const DELETE = withSession<{ name: string }>(
  async ({ request, user, params }) => {
    await removeStackAudited(getServices(), await requestActor(user, request), { name: params.name });
    return new Response(null, { status: 204 });
  },
  { permission: 'stacks:write' },
);
