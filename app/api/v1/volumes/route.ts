import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/engines/registry';
import { requestActor } from '@/lib/server/request-actor';
import { createVolumeAudited, listVolumesPerHost } from '@/lib/volumes/volume-mutations';
import { createVolumeSchema } from '@/lib/volumes/volume-schema';

export const dynamic = 'force-dynamic';

export const GET = withSession(async ({ user }) => Response.json({ hosts: await listVolumesPerHost(getContainerContext(user), user) }), { permission: 'volumes:read' });

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, createVolumeSchema);
    const volume = await createVolumeAudited(getContainerContext(user), await requestActor(user, request), input);
    return Response.json({ volume }, { status: 201 });
  },
  { permission: 'volumes:write' },
);
