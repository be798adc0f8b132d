import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { isLifecycleAction, lifecycleSchemas, scaleSchema, updateLimitsSchema } from '@/lib/containers/container-schema';
import { runLifecycleAction } from '@/lib/containers/lifecycle';
import { getContainerContext } from '@/lib/engines/registry';
import { hostParam } from '@/lib/engines/host-param';
import { requestActor } from '@/lib/server/request-actor';
import { scaleContainer } from '@/lib/containers/scale';
import { updateLimits } from '@/lib/containers/update-limits';
import { NotFoundError } from '@/lib/errors/app-error';

export const dynamic = 'force-dynamic';

const ACTIONS = [...Object.keys(lifecycleSchemas), 'update', 'scale'];

// POST /api/v1/containers/:id/{start,stop,restart,kill,pause,unpause,rename,update,scale}
export const POST = withSession<{ id: string; action: string }>(
  async ({ request, user, params }) => {
    const context = getContainerContext(user);
    const host = hostParam(request);
    const { action, id } = params;
    if (action === 'update') {
      const input = await readJsonBody(request, updateLimitsSchema);
      return Response.json({ container: await updateLimits(context, await requestActor(user, request), id, host, input) });
    }
    if (action === 'scale') {
      const { count } = await readJsonBody(request, scaleSchema);
      return Response.json({ containers: await scaleContainer(context, await requestActor(user, request), id, host, count) }, { status: 201 });
    }
    if (!isLifecycleAction(action)) throw new NotFoundError(`No container action ${action}: use one of ${ACTIONS.join(', ')}`);
    const body = await readJsonBody(request, lifecycleSchemas[action]);
    return Response.json({ container: await runLifecycleAction(context, await requestActor(user, request), id, host, action, body) });
  },
  { permission: 'containers:write' },
);
