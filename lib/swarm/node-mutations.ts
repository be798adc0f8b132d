// The swarm node mutations as the console makes them: (services, actor, input), each audited here.
import type { Actor } from '@/lib/audit/actor';
import { audited } from '@/lib/audit/audited';
import { managerClientOf, type ManagerServices } from '@/lib/server/manager-services';
import type { RemoveNodeQuery, UpdateNodeInput } from './node-schema';
import { updateNode, type NodeView } from './nodes';
import { removeNode } from './remove-node';

/** Drain, pause, activate, promote, demote, labels (the last manager is never demoted). */
export async function updateNodeAudited(services: ManagerServices, actor: Actor, input: { id: string; changes: UpdateNodeInput }): Promise<NodeView> {
  const { id, changes } = input;
  const details: Record<string, string> = {
    ...(changes.availability ? { availability: changes.availability } : {}),
    ...(changes.role ? { role: changes.role } : {}),
    ...(changes.labels ? { labels: JSON.stringify(changes.labels).slice(0, 1000) } : {}),
    ...(changes.addLabels ? { addLabels: JSON.stringify(changes.addLabels).slice(0, 1000) } : {}),
    ...(changes.removeLabels ? { removeLabels: changes.removeLabels.join(',').slice(0, 1000) } : {}),
  };
  return audited(
    actor,
    { action: 'swarm.node.update', target: id, details },
    () => updateNode(managerClientOf(services, actor), id, changes),
    (node) => ({ hostname: node.hostname }),
  );
}

/** force removes a node that is still up; a manager is never removed (demote it first). */
export async function removeNodeAudited(services: ManagerServices, actor: Actor, input: { id: string } & RemoveNodeQuery): Promise<void> {
  await audited(actor, { action: 'swarm.node.remove', target: input.id, details: { force: input.force } }, () =>
    removeNode(managerClientOf(services, actor), input.id, input.force),
  );
}
