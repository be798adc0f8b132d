import { readJsonBody } from '@/lib/api/read-json-body';
import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase, getServices } from '@/lib/server/services';
import { updateNode, updateNodeSchema } from '@/lib/swarm/nodes';

export const dynamic = 'force-dynamic';

// Drain, activate, promote, demote, labels: admin only (they move every task of the node).
export const PATCH = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const input = await readJsonBody(request, updateNodeSchema);
    const { docker, config } = getServices();
    const details: Record<string, string> = {
      ...(input.availability ? { availability: input.availability } : {}),
      ...(input.role ? { role: input.role } : {}),
      ...(input.labels ? { labels: JSON.stringify(input.labels).slice(0, 1000) } : {}),
    };
    const subject = { actor: user.username, action: 'swarm.node.update', target: params.id, address: clientAddress(request.headers), details };
    const node = await runAudited(await getDatabase(), subject, () => updateNode(docker, config.docker.url, params.id, input));
    return Response.json({ node });
  },
  { role: 'admin' },
);
