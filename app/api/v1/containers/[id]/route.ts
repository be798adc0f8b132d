import { withSession } from '@/lib/auth/guard';
import { ValidationError } from '@/lib/errors/app-error';
import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { inspectContainer } from '@/lib/containers/inspect-container';
import { removeContainer, removeOptionsSchema } from '@/lib/containers/lifecycle';
import { getContainerContext } from '@/lib/containers/registry';
import { hostParam, requestActor } from '@/lib/containers/request-actor';

export const dynamic = 'force-dynamic';

export const GET = withSession<{ id: string }>(
  async ({ request, user, params }) => Response.json(await inspectContainer(getContainerContext(user), params.id, hostParam(request))),
  { permission: 'containers:read' },
);

export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const search = new URL(request.url).searchParams;
    const parsed = removeOptionsSchema.safeParse({ force: search.get('force') ?? undefined, volumes: search.get('volumes') ?? undefined });
    if (!parsed.success) throw new ValidationError('Bad query', fieldErrorsFrom(parsed.error));
    const on = (value: string | undefined) => value === 'true' || value === '1';
    const removed = await removeContainer(getContainerContext(user), await requestActor(user, request), params.id, hostParam(request), {
      force: on(parsed.data.force),
      volumes: on(parsed.data.volumes),
    });
    return Response.json({ removed });
  },
  { permission: 'containers:write' },
);
