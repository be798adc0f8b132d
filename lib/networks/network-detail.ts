// One network as the detail page shows it: its settings in words, every host that has it (with
// that host's containers and addresses) and the swarm tasks attached to it, from the manager.
import type { EngineClient } from '@/lib/docker/engine-client';
import type { SwarmTaskJson } from '@/lib/docker/engine-shapes';
import { AppError } from '@/lib/errors/app-error';
import type { NetworkTarget } from './flat-everywhere';
import { networkSettings, type NetworkSettingsView } from './network-settings';
import { type AttachedContainerView, toNetworkView, type NetworkView } from './network-view';

export interface NetworkHostView {
  readonly host: string;
  /** The host has a network of this name (a local flat network has its own id on every host). */
  readonly present: boolean;
  readonly networkId: string | null;
  readonly gateway: string | null;
  readonly containers: readonly AttachedContainerView[];
  /** The host's engine did not answer: why. */
  readonly problem: string | null;
}

export interface NetworkTaskView {
  readonly id: string;
  readonly service: string;
  readonly slot: number | null;
  readonly node: string | null;
  readonly address: string | null;
  readonly state: string;
}

export interface NetworkDetailView extends NetworkView {
  readonly settings: NetworkSettingsView;
  /** The flat network's router (DefaultGatewayIPv4). */
  readonly router: string | null;
  readonly ipamOptions: Readonly<Record<string, string>>;
  /** The config-only network a swarm-scoped bridge or macvlan takes its settings from, on each host. */
  readonly configFrom: string | null;
  readonly hosts: readonly NetworkHostView[];
  readonly tasks: readonly NetworkTaskView[];
  /** The manager's task list could not be read (not a swarm manager, or it refused): why. */
  readonly tasksProblem: string | null;
}

/** The tasks whose attachments include `networkId`, with their address on it, service and node names. */
export function tasksOnNetwork(
  tasks: readonly SwarmTaskJson[],
  networkId: string,
  serviceNames: ReadonlyMap<string, string>,
  nodeNames: ReadonlyMap<string, string>,
  /** Task id → its container's address on the network: a node-local network's tasks get theirs on the host, not from the manager. */
  hostAddresses: ReadonlyMap<string, string> = new Map(),
): NetworkTaskView[] {
  return tasks
    .flatMap((task) => {
      const attachment = task.NetworksAttachments?.find((entry) => entry.Network?.ID === networkId);
      if (!attachment) return [];
      return [
        {
          id: task.ID,
          service: serviceNames.get(task.ServiceID) ?? task.ServiceID.slice(0, 12),
          slot: task.Slot ?? null,
          node: task.NodeID ? (nodeNames.get(task.NodeID) ?? task.NodeID.slice(0, 12)) : null,
          address: attachment.Addresses?.[0]?.split('/')[0] ?? hostAddresses.get(task.ID) ?? null,
          state: task.Status?.State ?? 'unknown',
        },
      ];
    })
    .sort((a, b) => a.service.localeCompare(b.service) || (a.slot ?? 0) - (b.slot ?? 0) || a.id.localeCompare(b.id));
}

async function hostView(target: NetworkTarget, name: string): Promise<NetworkHostView> {
  try {
    const network = toNetworkView(await target.docker.inspectNetwork(name));
    return { host: target.host, present: true, networkId: network.id, gateway: network.gateway, containers: network.containers, problem: null };
  } catch (error) {
    const absent = error instanceof AppError && error.code === 'NOT_FOUND';
    const problem = absent ? null : error instanceof Error ? error.message : String(error);
    return { host: target.host, present: false, networkId: null, gateway: null, containers: [], problem };
  }
}

async function swarmTasks(manager: EngineClient, networkId: string, hostAddresses: ReadonlyMap<string, string>): Promise<{ tasks: NetworkTaskView[]; problem: string | null }> {
  try {
    const [tasks, services, nodes] = await Promise.all([manager.listTasks({ 'desired-state': ['running'] }), manager.listServices(), manager.listNodes()]);
    const serviceNames = new Map(services.map((service) => [service.ID, service.Spec?.Name ?? service.ID]));
    const nodeNames = new Map(nodes.map((node) => [node.ID, node.Description?.Hostname ?? node.ID]));
    return { tasks: tasksOnNetwork(tasks, networkId, serviceNames, nodeNames, hostAddresses), problem: null };
  } catch (error) {
    return { tasks: [], problem: error instanceof Error ? error.message : String(error) };
  }
}

/** A task container is named <service>.<slot or node id>.<task id>: task id → its address on the network. */
function addressesByTaskId(hosts: readonly NetworkHostView[]): Map<string, string> {
  const addresses = new Map<string, string>();
  for (const container of hosts.flatMap((host) => host.containers)) {
    const taskId = container.name.split('.').at(-1);
    if (taskId && container.ipv4) addresses.set(taskId, container.ipv4);
  }
  return addresses;
}

/**
 * The network `idOrName` on the manager, with each target engine's view of the same name. A
 * swarm-scoped bridge or macvlan takes its subnet, IPAM and options from a config-only network
 * (ConfigFrom): those are read there.
 */
export async function networkDetail(manager: EngineClient, targets: readonly NetworkTarget[], idOrName: string): Promise<NetworkDetailView> {
  const raw = await manager.inspectNetwork(idOrName);
  const own = toNetworkView(raw);
  const configName = raw.ConfigFrom?.Network;
  const configRaw = configName && own.subnet === null ? await manager.inspectNetwork(configName).catch(() => null) : null;
  const config = configRaw ? toNetworkView(configRaw) : null;
  const network: NetworkView = config
    ? { ...own, subnet: config.subnet, gateway: config.gateway, ipamDriver: config.ipamDriver, auxAddresses: config.auxAddresses, options: { ...config.options, ...own.options } }
    : own;
  const hosts = await Promise.all(targets.map((target) => hostView(target, network.name)));
  const swarm = network.scope === 'swarm' ? await swarmTasks(manager, network.id, addressesByTaskId(hosts)) : { tasks: [], problem: null };
  return {
    ...network,
    settings: networkSettings(network.driver, network.options),
    router: network.auxAddresses.DefaultGatewayIPv4 ?? null,
    ipamOptions: Object.fromEntries(Object.entries((configRaw ?? raw).IPAM?.Options ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
    configFrom: configName ?? null,
    hosts,
    tasks: swarm.tasks,
    tasksProblem: swarm.problem,
  };
}
