import { readJsonBody, readQuery } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/engines/registry';
import { requestActor } from '@/lib/server/request-actor';
import { previewPrune, pruneVolumesAudited } from '@/lib/volumes/volume-mutations';
import { pruneVolumesSchema } from '@/lib/volumes/volume-schema';

export const dynamic = 'force-dynamic';

/** What a prune of ?host= (and ?label=) would remove, for the confirmation. */
export const GET = withSession(
  async ({ request, user }) => Response.json({ volumes: await previewPrune(getContainerContext(user), user, readQuery(request, pruneVolumesSchema)) }),
  { permission: 'volumes:read' },
);

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, pruneVolumesSchema);
    return Response.json({ result: await pruneVolumesAudited(getContainerContext(user), await requestActor(user, request), input) });
  },
  { permission: 'volumes:write' },
);
