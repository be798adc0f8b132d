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
          address: attachment.Addresses?.[0]?.split('/')[0] ?? null,
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

async function swarmTasks(manager: EngineClient, networkId: string): Promise<{ tasks: NetworkTaskView[]; problem: string | null }> {
  try {
    const [tasks, services, nodes] = await Promise.all([manager.listTasks({ 'desired-state': ['running'] }), manager.listServices(), manager.listNodes()]);
    const serviceNames = new Map(services.map((service) => [service.ID, service.Spec?.Name ?? service.ID]));
    const nodeNames = new Map(nodes.map((node) => [node.ID, node.Description?.Hostname ?? node.ID]));
    return { tasks: tasksOnNetwork(tasks, networkId, serviceNames, nodeNames), problem: null };
  } catch (error) {
    return { tasks: [], problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The network `idOrName` on the manager, with each target engine's view of the same name. */
export async function networkDetail(manager: EngineClient, targets: readonly NetworkTarget[], idOrName: string): Promise<NetworkDetailView> {
  const raw = await manager.inspectNetwork(idOrName);
  const network = toNetworkView(raw);
  const [hosts, swarm] = await Promise.all([
    Promise.all(targets.map((target) => hostView(target, network.name))),
    network.scope === 'swarm' ? swarmTasks(manager, network.id) : Promise.resolve({ tasks: [], problem: null }),
  ]);
  return {
    ...network,
    settings: networkSettings(network.driver, network.options),
    router: network.auxAddresses.DefaultGatewayIPv4 ?? null,
    ipamOptions: Object.fromEntries(Object.entries(raw.IPAM?.Options ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
    hosts,
    tasks: swarm.tasks,
    tasksProblem: swarm.problem,
  };
}
