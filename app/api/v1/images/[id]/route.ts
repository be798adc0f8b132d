import { readQuery } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { hostParam } from '@/lib/engines/host-param';
import { getContainerContext } from '@/lib/engines/registry';
import { removeImageQuerySchema } from '@/lib/images/image-schema';
import { removeImage } from '@/lib/images/remove-image';
import { imageParam } from '@/lib/images/request-image';
import { requestActor } from '@/lib/server/request-actor';

export const dynamic = 'force-dynamic';

// DELETE /api/v1/images/:id?host=&force=: 409 naming the containers while in use; force is admin-only (403).
export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const { force } = readQuery(request, removeImageQuerySchema);
    const removed = await removeImage(getContainerContext(user), await requestActor(user, request), imageParam(params.id), hostParam(request), { force });
    return Response.json({ removed });
  },
  { permission: 'images:write' },
);
