import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { requestActor } from '@/lib/server/request-actor';
import { getDatabase, getServices, managerClientFor } from '@/lib/server/services';
import { deployStackAudited } from '@/lib/stacks/stack-mutations';
import { deployStackSchema } from '@/lib/stacks/stack-schema';
import { listStacks } from '@/lib/stacks/stacks';

export const dynamic = 'force-dynamic';

export const GET = withSession(
  async ({ user }) => Response.json({ stacks: await listStacks(managerClientFor(user), await getDatabase()) }),
  { permission: 'stacks:read' },
);

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, deployStackSchema);
    const stack = await deployStackAudited(getServices(), await requestActor(user, request), input);
    return Response.json({ stack }, { status: 201 });
  },
  { permission: 'stacks:write' },
);
