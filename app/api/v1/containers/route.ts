import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { createContainer } from '@/lib/containers/create-container';
import { createContainerSchema } from '@/lib/containers/container-schema';
import { listContainers } from '@/lib/containers/list-containers';
import { getContainerContext } from '@/lib/engines/registry';
import { requestActor } from '@/lib/server/request-actor';

export const dynamic = 'force-dynamic';

export const GET = withSession(async ({ user }) => Response.json(await listContainers(getContainerContext(user))), { permission: 'containers:read' });

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, createContainerSchema);
    const container = await createContainer(getContainerContext(user), await requestActor(user, request), input);
    return Response.json({ container }, { status: 201 });
  },
  { permission: 'containers:write' },
);
