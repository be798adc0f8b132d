// Which swarm task a container is: Docker labels every task container with its service's name,
// the task's name (<service>.<slot>.<task id>, or <service>.<node id>.<task id> for a global
// service) and the node's id. The IP allocations page and the network detail name tasks by these.

export interface TaskIdentity {
  readonly service: string;
  /** The replica's slot; null for a global service's task (one per node, no slot). */
  readonly slot: number | null;
  readonly taskId: string | null;
  readonly nodeId: string | null;
}

export const SERVICE_NAME_LABEL = 'com.docker.swarm.service.name';
export const TASK_NAME_LABEL = 'com.docker.swarm.task.name';
export const NODE_ID_LABEL = 'com.docker.swarm.node.id';

/** The task a container runs, or null for a standalone container. */
export function taskOfLabels(labels: Readonly<Record<string, string>> | undefined): TaskIdentity | null {
  const service = labels?.[SERVICE_NAME_LABEL];
  if (!service) return null;
  const taskName = labels[TASK_NAME_LABEL] ?? '';
  // The service's own name may hold dots: the slot and id are the last two parts after it.
  const rest = taskName.startsWith(`${service}.`) ? taskName.slice(service.length + 1).split('.') : [];
  const [middle, taskId] = rest.length === 2 ? rest : [undefined, undefined];
  const slot = middle !== undefined && /^\d+$/.test(middle) ? Number(middle) : null;
  return { service, slot, taskId: taskId ?? null, nodeId: labels[NODE_ID_LABEL] ?? null };
}

/** "web.2 on h2" / "agent on h3" (a global service's task has no slot). */
export function describeTask(task: { service: string; slot: number | null }, nodeName: string | null): string {
  return `${task.service}${task.slot === null ? '' : `.${task.slot}`}${nodeName ? ` on ${nodeName}` : ''}`;
}
