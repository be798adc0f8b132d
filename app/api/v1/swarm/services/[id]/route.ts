import { readJsonBody } from '@/lib/api/read-json-body';
import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase, managerClientFor } from '@/lib/server/services';
import { inspectService, removeService, updateService, updateServiceSchema } from '@/lib/swarm/services';

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
    const input = await readJsonBody(request, updateServiceSchema);
    const docker = managerClientFor(user);
    const details: Record<string, string | number> = {
      fields: Object.keys(input).join(','),
      ...(input.image ? { image: input.image } : {}),
      ...(input.replicas !== undefined ? { replicas: input.replicas } : {}),
    };
    const subject = { actor: user.username, action: 'swarm.service.update', target: params.id, address: clientAddress(request.headers), details };
    const service = await runAudited(await getDatabase(), subject, () => updateService(docker, params.id, input, user.role));
    return Response.json({ service });
  },
  { permission: 'swarm:write' },
);

export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const docker = managerClientFor(user);
    const subject = { actor: user.username, action: 'swarm.service.remove', target: params.id, address: clientAddress(request.headers) };
    await runAudited(await getDatabase(), subject, () => removeService(docker, params.id));
    return new Response(null, { status: 204 });
  },
  { permission: 'swarm:write' },
);
