import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { createConfigAudited } from '@/lib/secrets/secret-mutations';
import { createConfigSchema } from '@/lib/secrets/secret-schema';
import { listConfigs } from '@/lib/secrets/secret-view';
import { requestActor } from '@/lib/server/request-actor';
import { getServices, managerClientFor } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const GET = withSession(async ({ user }) => Response.json({ configs: await listConfigs(managerClientFor(user)) }), { permission: 'secrets:read' });

/** The data is sent to Docker base64; configs are not secret: the response shows it. */
export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, createConfigSchema);
    const config = await createConfigAudited(getServices(), await requestActor(user, request), input);
    return Response.json({ config }, { status: 201 });
  },
  { permission: 'secrets:write' },
);
