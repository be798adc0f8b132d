// The network mutations as the console makes them: (services, actor, input), each audited here.
import type { Actor } from '@/lib/audit/actor';
import { audited } from '@/lib/audit/audited';
import { systemCaller, userCaller } from '@/lib/docker/engine-request';
import { engineHandlesOf } from '@/lib/engines/context-engines';
import type { ContainerContext } from '@/lib/engines/context';
import { managerClientOf, type ManagerServices } from '@/lib/server/manager-services';
import { auditHostResults } from './audit-host-results';
import { createFlatNetworkOn, summarize, type HostResult, type NetworkTarget } from './flat-everywhere';
import { connectContainer, createNetwork, disconnectContainer, removeNetwork } from './network-actions';
import type { ConnectInput, DisconnectInput, FlatNetworkInput, OverlayNetworkInput, SwarmFlatNetworkInput } from './network-schema';
import { namedTargets, resolveTargets } from './network-targets';
import { createSwarmFlatNetwork, type SwarmFlatResult } from './swarm-flat-network';
import type { NetworkView } from './network-view';

/** Creates a flat (one engine) or overlay network on the manager's engine. */
export async function createNetworkAudited(services: ManagerServices, actor: Actor, input: FlatNetworkInput | OverlayNetworkInput): Promise<NetworkView> {
  const details: Record<string, string> = { kind: input.kind, ...(input.subnet ? { subnet: input.subnet } : {}), ...(input.kind === 'flat' ? { ipamDriver: input.ipamDriver } : {}) };
  return audited(
    actor,
    { action: 'network.create', target: input.name, details },
    () => createNetwork(managerClientOf(services, actor), input),
    (network) => ({ id: network.id }),
  );
}

/**
 * The swarm-scoped flat network: a config-only network on every engine, then the swarm network
 * on the manager, with the managed IPAM plugin of SHIPYARD_SWARM_IPAM_DRIVER. Whether each host
 * has the plugin is read as the console (the plugin list is an admin's read for a caller, and a
 * missing plugin must be named to anyone).
 */
export async function createSwarmFlatNetworkAudited(services: ManagerServices, context: ContainerContext, actor: Actor, input: SwarmFlatNetworkInput): Promise<SwarmFlatResult> {
  const { handles } = await engineHandlesOf(context);
  const byUrl = new Map(handles.map((handle) => [handle.url, handle]));
  const hosts = await namedTargets(handles, userCaller(actor));
  const ipamDriver = services.config.swarmIpamDriver;
  const plan = {
    manager: managerClientOf(services, actor),
    hosts,
    ipamDriver,
    plugins: async (host: NetworkTarget) => (byUrl.get(host.url)?.client ?? services.docker).as(systemCaller('network-ipam-plugin-check')).listIpamPlugins(),
  };
  return audited(
    actor,
    { action: 'network.create', target: input.name, details: { kind: input.kind, subnet: input.subnet, driver: input.driver, ipamDriver } },
    () => createSwarmFlatNetwork(plan, input),
    (result) => ({ id: result.network?.id ?? 'none', summary: result.summary.slice(0, 500) }),
  );
}

/** The flat network on one engine or every engine (`target`): a result per host, each audited. */
export async function createFlatNetworkOnTargets(
  context: ContainerContext,
  actor: Actor,
  input: FlatNetworkInput & { target: string },
): Promise<{ results: HostResult[]; summary: string }> {
  const results = await createFlatNetworkOn(await resolveTargets((await engineHandlesOf(context)).handles, input.target, userCaller(actor)), input);
  await auditHostResults(actor.database, { actor: actor.username, address: actor.address }, input, results);
  return { results, summary: summarize(results) };
}

export async function removeNetworkAudited(services: ManagerServices, actor: Actor, input: { id: string }): Promise<NetworkView> {
  return audited(
    actor,
    { action: 'network.remove', target: input.id },
    () => removeNetwork(managerClientOf(services, actor), input.id),
    (network) => ({ name: network.name }),
  );
}

export async function connectContainerAudited(services: ManagerServices, actor: Actor, input: ConnectInput & { network: string }): Promise<void> {
  const { network, ...body } = input;
  const details: Record<string, string> = { container: body.container, ...(body.ipv4 ? { ipv4: body.ipv4 } : {}) };
  await audited(actor, { action: 'network.connect', target: network, details }, () => connectContainer(managerClientOf(services, actor), network, body));
}

export async function disconnectContainerAudited(services: ManagerServices, actor: Actor, input: DisconnectInput & { network: string }): Promise<void> {
  const { network, ...body } = input;
  const details = { container: body.container, force: body.force };
  await audited(actor, { action: 'network.disconnect', target: network, details }, () =>
    disconnectContainer(managerClientOf(services, actor), network, body),
  );
}
