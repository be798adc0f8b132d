import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { createRegistryAudited, listRegistryViews } from '@/lib/registries/registry-mutations';
import { createRegistrySchema } from '@/lib/registries/registry-schema';
import { requestActor } from '@/lib/server/request-actor';
import { getDatabase } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

/** Saved registries: name, address, username, last used; never a password. */
export const GET = withSession(async () => Response.json({ registries: await listRegistryViews({ database: await getDatabase() }) }), { permission: 'registries:read' });

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, createRegistrySchema);
    const actor = await requestActor(user, request);
    return Response.json({ registry: await createRegistryAudited({ database: actor.database }, actor, input) }, { status: 201 });
  },
  { permission: 'registries:write' },
);
