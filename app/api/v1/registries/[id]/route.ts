import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { removeRegistryAudited, updateRegistryAudited } from '@/lib/registries/registry-mutations';
import { updateRegistrySchema } from '@/lib/registries/registry-schema';
import { requestActor } from '@/lib/server/request-actor';

export const dynamic = 'force-dynamic';

/** Change a saved registry; a password left out keeps the saved one. */
export const PATCH = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const changes = await readJsonBody(request, updateRegistrySchema);
    const actor = await requestActor(user, request);
    return Response.json({ registry: await updateRegistryAudited({ database: actor.database }, actor, { id: params.id, changes }) });
  },
  { permission: 'registries:write' },
);

export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const actor = await requestActor(user, request);
    await removeRegistryAudited({ database: actor.database }, actor, { id: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: 'registries:write' },
);
