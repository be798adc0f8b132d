import { readQuery } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { removeContainerQuerySchema } from '@/lib/containers/container-schema';
import { hostParam } from '@/lib/engines/host-param';
import { inspectContainer } from '@/lib/containers/inspect-container';
import { removeContainer } from '@/lib/containers/lifecycle';
import { getContainerContext } from '@/lib/engines/registry';
import { requestActor } from '@/lib/server/request-actor';

export const dynamic = 'force-dynamic';

export const GET = withSession<{ id: string }>(
  async ({ request, user, params }) => Response.json(await inspectContainer(getContainerContext(user), params.id, hostParam(request))),
  { permission: 'containers:read' },
);

export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const options = readQuery(request, removeContainerQuerySchema);
    const removed = await removeContainer(getContainerContext(user), await requestActor(user, request), params.id, hostParam(request), options);
    return Response.json({ removed });
  },
  { permission: 'containers:write' },
);
