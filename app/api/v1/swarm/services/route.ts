import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { requestActor } from '@/lib/server/request-actor';
import { getServices, managerClientFor } from '@/lib/server/services';
import { createServiceAudited } from '@/lib/swarm/service-mutations';
import { createServiceSchema } from '@/lib/swarm/service-schema';
import { listServices } from '@/lib/swarm/services';

export const dynamic = 'force-dynamic';

export const GET = withSession(
  async ({ user }) => {
    const docker = managerClientFor(user);
    return Response.json({ services: await listServices(docker) });
  },
  { permission: 'swarm:read' },
);

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, createServiceSchema);
    const service = await createServiceAudited(getServices(), await requestActor(user, request), input);
    return Response.json({ service }, { status: 201 });
  },
  { permission: 'swarm:write' },
);
