import { readJsonBody, readQuery } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { requestActor } from '@/lib/server/request-actor';
import { getServices } from '@/lib/server/services';
import { removeNodeAudited, updateNodeAudited } from '@/lib/swarm/node-mutations';
import { removeNodeQuerySchema, updateNodeSchema } from '@/lib/swarm/node-schema';

export const dynamic = 'force-dynamic';

// Drain, pause, activate, promote, demote, labels: swarm writers (the last manager is never demoted).
export const PATCH = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const changes = await readJsonBody(request, updateNodeSchema);
    const node = await updateNodeAudited(getServices(), await requestActor(user, request), { id: params.id, changes });
    return Response.json({ node });
  },
  { permission: 'swarm:write' },
);

// ?force=true removes a node that is still up; a manager is never removed (demote it first).
export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const query = readQuery(request, removeNodeQuerySchema);
    await removeNodeAudited(getServices(), await requestActor(user, request), { id: params.id, ...query });
    return new Response(null, { status: 204 });
  },
  { permission: 'swarm:write' },
);
