import { withSession } from '@/lib/auth/guard';
import { resealRegistriesAudited } from '@/lib/registries/registry-mutations';
import { requestActor } from '@/lib/server/request-actor';

export const dynamic = 'force-dynamic';

/** After a key rotation: seals every password the old key sealed with the new one (docs/registries.md). */
export const POST = withSession(
  async ({ request, user }) => {
    const actor = await requestActor(user, request);
    return Response.json(await resealRegistriesAudited({ database: actor.database }, actor));
  },
  { permission: 'registries:write' },
);
