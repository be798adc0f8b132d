import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/engines/registry';
import { consoleIpamServices } from '@/lib/ipam-view/console-ipam';
import { addContainerRangeForSubnet } from '@/lib/ipam-view/container-range-step';
import { createFlatNetworkOnTargets, createNetworkAudited, createSwarmFlatNetworkAudited } from '@/lib/networks/network-mutations';
import { createNetworkSchema } from '@/lib/networks/network-schema';
import { listNetworks } from '@/lib/networks/network-view';
import { requestActor } from '@/lib/server/request-actor';
import { getServices, managerClientFor } from '@/lib/server/services';

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
    const actor = await requestActor(user, request);
    // The subnet's container range in the same step (ip-range), for callers who may add ranges.
    if (input.kind !== 'overlay' && input.containerRange) await addContainerRangeForSubnet(consoleIpamServices(), actor, input.subnet, input.containerRange);
    if (input.kind === 'flat' && input.target) {
      // One engine or every engine: a result per host (created, already there, or Docker's refusal).
      const { results, summary } = await createFlatNetworkOnTargets(getContainerContext(user), actor, { ...input, target: input.target });
      return Response.json({ results, summary }, { status: results.some((result) => result.outcome === 'created') ? 201 : 200 });
    }
    if (input.kind === 'swarm-flat') {
      // A config-only network per host, then the swarm network once on the manager: a result per host.
      const { results, summary, network } = await createSwarmFlatNetworkAudited(getServices(), getContainerContext(user), actor, input);
      return Response.json({ results, summary, network }, { status: network ? 201 : 200 });
    }
    const network = await createNetworkAudited(getServices(), actor, input);
    return Response.json({ network }, { status: 201 });
  },
  { permission: 'networks:write' },
);
