import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { withSession } from '@/lib/auth/guard';
import { removeOptionsSchema } from '@/lib/containers/lifecycle';
import { getContainerContext } from '@/lib/containers/registry';
import { hostParam, requestActor } from '@/lib/containers/request-actor';
import { removeImage } from '@/lib/images/remove-image';
import { imageParam } from '@/lib/images/request-image';
import { ValidationError } from '@/lib/errors/app-error';

export const dynamic = 'force-dynamic';

// DELETE /api/v1/images/:id?host=&force=: 409 naming the containers while in use; force is admin-only (403).
export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const search = new URL(request.url).searchParams;
    const parsed = removeOptionsSchema.pick({ force: true }).safeParse({ force: search.get('force') ?? undefined });
    if (!parsed.success) throw new ValidationError('Bad query', fieldErrorsFrom(parsed.error));
    const force = parsed.data.force === 'true' || parsed.data.force === '1';
    const removed = await removeImage(getContainerContext(user), await requestActor(user, request), imageParam(params.id), hostParam(request), { force });
    return Response.json({ removed });
  },
  { permission: 'images:write' },
);
