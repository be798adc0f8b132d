import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { readJsonBody } from '@/lib/api/read-json-body';
import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { ValidationError } from '@/lib/errors/app-error';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase, managerClientFor } from '@/lib/server/services';
import { updateNode, updateNodeSchema } from '@/lib/swarm/nodes';
import { removeNode, removeNodeQuerySchema } from '@/lib/swarm/remove-node';

export const dynamic = 'force-dynamic';

// Drain, pause, activate, promote, demote, labels: swarm writers (the last manager is never demoted).
export const PATCH = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const input = await readJsonBody(request, updateNodeSchema);
    const docker = managerClientFor(user);
    const details: Record<string, string> = {
      ...(input.availability ? { availability: input.availability } : {}),
      ...(input.role ? { role: input.role } : {}),
      ...(input.labels ? { labels: JSON.stringify(input.labels).slice(0, 1000) } : {}),
      ...(input.addLabels ? { addLabels: JSON.stringify(input.addLabels).slice(0, 1000) } : {}),
      ...(input.removeLabels ? { removeLabels: input.removeLabels.join(',').slice(0, 1000) } : {}),
    };
    const subject = { actor: user.username, action: 'swarm.node.update', target: params.id, address: clientAddress(request.headers), details };
    const node = await runAudited(await getDatabase(), subject, () => updateNode(docker, params.id, input), (n) => ({ hostname: n.hostname }));
    return Response.json({ node });
  },
  { permission: 'swarm:write' },
);

// ?force=true removes a node that is still up; a manager is never removed (demote it first).
export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const parsed = removeNodeQuerySchema.safeParse({ force: new URL(request.url).searchParams.get('force') ?? undefined });
    if (!parsed.success) {
      const fields = fieldErrorsFrom(parsed.error);
      throw new ValidationError(fields.map((field) => `${field.path}: ${field.message}`).join('; '), fields);
    }
    const docker = managerClientFor(user);
    const subject = { actor: user.username, action: 'swarm.node.remove', target: params.id, address: clientAddress(request.headers), details: { force: parsed.data.force } };
    await runAudited(await getDatabase(), subject, () => removeNode(docker, params.id, parsed.data.force));
    return new Response(null, { status: 204 });
  },
  { permission: 'swarm:write' },
);
