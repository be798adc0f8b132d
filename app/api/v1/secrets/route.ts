import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { createSecretAudited } from '@/lib/secrets/secret-mutations';
import { createSecretSchema } from '@/lib/secrets/secret-schema';
import { listSecrets } from '@/lib/secrets/secret-view';
import { requestActor } from '@/lib/server/request-actor';
import { getServices, managerClientFor } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const GET = withSession(async ({ user }) => Response.json({ secrets: await listSecrets(managerClientFor(user)) }), { permission: 'secrets:read' });

/** The value is sent to Docker base64 and never answered: the response is the secret's metadata. */
export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, createSecretSchema);
    const secret = await createSecretAudited(getServices(), await requestActor(user, request), input);
    return Response.json({ secret }, { status: 201 });
  },
  { permission: 'secrets:write' },
);
