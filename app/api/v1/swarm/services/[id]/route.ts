import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { requestActor } from '@/lib/server/request-actor';
import { getServices, managerClientFor } from '@/lib/server/services';
import { removeServiceAudited, updateServiceAudited } from '@/lib/swarm/service-mutations';
import { updateServiceSchema } from '@/lib/swarm/service-schema';
import { inspectService } from '@/lib/swarm/services';

export const dynamic = 'force-dynamic';

export const GET = withSession<{ id: string }>(
  async ({ user, params }) => {
    const docker = managerClientFor(user);
    return Response.json({ service: await inspectService(docker, params.id) });
  },
  { permission: 'swarm:read' },
);

// Scale ({replicas}), rolling update ({image}), and the other changeable fields.
export const PATCH = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const changes = await readJsonBody(request, updateServiceSchema);
    const service = await updateServiceAudited(getServices(), await requestActor(user, request), { id: params.id, changes });
    return Response.json({ service });
  },
  { permission: 'swarm:write' },
);

export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    await removeServiceAudited(getServices(), await requestActor(user, request), { id: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: 'swarm:write' },
);
