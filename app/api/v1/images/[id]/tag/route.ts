import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/engines/registry';
import { requestActor } from '@/lib/server/request-actor';
import { imageParam } from '@/lib/images/request-image';
import { tagImageSchema } from '@/lib/images/image-schema';
import { tagImage } from '@/lib/images/tag-image';

export const dynamic = 'force-dynamic';

export const POST = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const input = await readJsonBody(request, tagImageSchema);
    const tagged = await tagImage(getContainerContext(user), await requestActor(user, request), imageParam(params.id), input);
    return Response.json({ tagged }, { status: 201 });
  },
  { permission: 'images:write' },
);
