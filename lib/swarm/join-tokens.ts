// The swarm's join tokens (admin only: a token lets a machine join the cluster) and their rotation.
import type { EngineClient } from '@/lib/docker/engine-client';

export interface JoinTokensView {
  readonly worker: string;
  readonly manager: string;
  /** Where `docker swarm join --token … <address>` connects: the managers' addresses. */
  readonly managerAddresses: readonly string[];
}

export async function readJoinTokens(docker: EngineClient): Promise<JoinTokensView> {
  const [swarm, nodes] = await Promise.all([docker.swarmInspect(), docker.listNodes({ role: ['manager'] })]);
  return {
    worker: swarm.JoinTokens?.Worker ?? '',
    manager: swarm.JoinTokens?.Manager ?? '',
    managerAddresses: nodes.map((node) => node.ManagerStatus?.Addr ?? '').filter(Boolean),
  };
}

/** A new token for `role`; the old one stops working (nodes that already joined are unaffected). */
export async function rotateJoinToken(docker: EngineClient, role: 'worker' | 'manager'): Promise<JoinTokensView> {
  const swarm = await docker.swarmInspect();
  await docker.swarmUpdate({ version: swarm.Version?.Index ?? 0, ...(role === 'worker' ? { rotateWorkerToken: true } : { rotateManagerToken: true }) }, swarm.Spec ?? {});
  return readJoinTokens(docker);
}
