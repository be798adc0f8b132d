import { readJsonBody } from '@/lib/api/read-json-body';
import { runAudited } from '@/lib/audit/run-audited';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { engineHandlesOf } from '@/lib/containers/context-engines';
import { userCaller } from '@/lib/docker/engine-request';
import { getContainerContext } from '@/lib/containers/registry';
import { auditHostResults } from '@/lib/networks/audit-host-results';
import { createFlatNetworkOn, summarize } from '@/lib/networks/flat-everywhere';
import { createNetwork, createNetworkSchema } from '@/lib/networks/network-actions';
import { resolveTargets } from '@/lib/networks/network-targets';
import { listNetworks } from '@/lib/networks/network-view';
import { getDatabase, managerClientFor } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const GET = withSession(
  async ({ user }) => {
    const docker = managerClientFor(user);
    return Response.json({ networks: await listNetworks(docker) });
  },
  { permission: 'networks:read' },
);

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, createNetworkSchema);
    if (input.kind === 'flat' && input.target) {
      // One engine or every engine: a result per host (created, already there, or Docker's refusal).
      const results = await createFlatNetworkOn(await resolveTargets((await engineHandlesOf(getContainerContext(user))).handles, input.target, userCaller(user)), input);
      await auditHostResults(await getDatabase(), { actor: user.username, address: clientAddress(request.headers) }, input, results);
      return Response.json({ results, summary: summarize(results) }, { status: results.some((result) => result.outcome === 'created') ? 201 : 200 });
    }
    const docker = managerClientFor(user);
    const details: Record<string, string> = { kind: input.kind, ...(input.subnet ? { subnet: input.subnet } : {}) };
    const subject = { actor: user.username, action: 'network.create', target: input.name, address: clientAddress(request.headers), details };
    const network = await runAudited(await getDatabase(), subject, () => createNetwork(docker, input), (n) => ({ id: n.id }));
    return Response.json({ network }, { status: 201 });
  },
  { permission: 'networks:write' },
);
