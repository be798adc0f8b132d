import { readJsonBody } from '@/lib/api/read-json-body';
import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase, managerClientFor } from '@/lib/server/services';
import { createService, createServiceSchema, listServices } from '@/lib/swarm/services';

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
    const docker = managerClientFor(user);
    const details = { image: input.image, mode: input.mode, replicas: input.replicas };
    const subject = { actor: user.username, action: 'swarm.service.create', target: input.name, address: clientAddress(request.headers), details };
    const service = await runAudited(await getDatabase(), subject, () => createService(docker, input, user.role), (s) => ({ id: s.id }));
    return Response.json({ service }, { status: 201 });
  },
  { permission: 'swarm:write' },
);
