import { readQuery } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/engines/registry';
import { requestActor } from '@/lib/server/request-actor';
import { removeVolumeAudited } from '@/lib/volumes/volume-mutations';
import { removeVolumeQuerySchema } from '@/lib/volumes/volume-schema';

export const dynamic = 'force-dynamic';

/** ?host= names the engine; a volume in use is a 409 naming its containers on that host. */
export const DELETE = withSession<{ name: string }>(
  async ({ request, user, params }) => {
    const { host } = readQuery(request, removeVolumeQuerySchema);
    await removeVolumeAudited(getContainerContext(user), await requestActor(user, request), { name: params.name, host });
    return new Response(null, { status: 204 });
  },
  { permission: 'volumes:write' },
);
