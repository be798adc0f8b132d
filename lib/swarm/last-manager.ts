// A swarm without a reachable manager cannot be managed at all (not even to undo the change), so
// demoting or removing the last one is refused here, in words, before Docker sees it.
import type { EngineClient } from '@/lib/docker/engine-client';
import { ConflictError } from '@/lib/errors/app-error';

export class LastManagerError extends ConflictError {}

/** Throws when `node` is a manager and no other reachable manager would remain after `action`. */
export async function refuseLosingLastManager(docker: EngineClient, node: { id: string; hostname: string }, action: 'demote' | 'remove'): Promise<void> {
  const managers = await docker.listNodes({ role: ['manager'] });
  const others = managers.filter((manager) => manager.ID !== node.id && manager.ManagerStatus?.Reachability !== 'unreachable');
  if (others.length > 0) return;
  const alone = managers.length <= 1;
  const verb = action === 'demote' ? 'demoting' : 'removing';
  const why = alone ? `${node.hostname} is the swarm's only manager` : `${node.hostname} is the only reachable manager`;
  const fix =
    action === 'demote'
      ? 'Promote another node to manager first'
      : `Promote another node to manager and demote ${node.hostname} first; to dissolve the swarm, run "docker swarm leave --force" on ${node.hostname}`;
  throw new LastManagerError(`${why}: ${verb} it would leave the swarm with no manager to run it (Docker refuses too). ${fix}`);
}
