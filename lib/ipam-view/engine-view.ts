// What the console's engine tells about allocations: its host name (the sidecar's default
// --host-id is the hostname, which Docker reports as Name) and the MACs of running containers
// (a stopped container has released its address). Docker's shapes stop at the engine client.
import type { EngineClient } from '@/lib/docker/engine-client';
import { containerNamesByMac as namesByMac } from '@/lib/docker/running-containers';
import { taskOfLabels, type TaskIdentity } from '@/lib/swarm/task-labels';
import type { IpamTaskView } from './types';

export interface EngineContainerView {
  readonly name: string;
  readonly macs: readonly string[];
  /** The swarm task the container runs (from its labels); absent for a standalone container. */
  readonly task?: TaskIdentity;
}

export interface EngineView {
  readonly host: string;
  readonly containers: readonly EngineContainerView[];
  /** Swarm node id → host name, from the manager's node list (empty when the engine is no manager). */
  readonly nodeNames?: ReadonlyMap<string, string>;
}

export async function readEngineView(client: EngineClient): Promise<EngineView> {
  const [info, containers, nodes] = await Promise.all([
    client.info(),
    client.runningContainers(),
    // Only task containers need node names; an engine outside a swarm (or a worker) has no node list.
    client.listNodes().catch(() => []),
  ]);
  return {
    host: info.Name ?? '',
    containers: containers.map(({ name, macs, labels }) => {
      const task = taskOfLabels(labels);
      return task ? { name, macs, task } : { name, macs };
    }),
    nodeNames: new Map(nodes.map((node) => [node.ID, node.Description?.Hostname ?? node.ID])),
  };
}

/** MAC → the service task its container runs, with the node's host name. */
export function tasksByMac(engine: EngineView): Map<string, IpamTaskView> {
  const tasks = new Map<string, IpamTaskView>();
  for (const container of engine.containers) {
    const task = container.task;
    if (!task) continue;
    const node = task.nodeId ? (engine.nodeNames?.get(task.nodeId) ?? task.nodeId.slice(0, 12)) : null;
    for (const mac of container.macs) tasks.set(mac, { service: task.service, slot: task.slot, node });
  }
  return tasks;
}

/** MAC → container name. */
export function containerNamesByMac(engine: EngineView): Map<string, string> {
  return namesByMac(engine.containers);
}
