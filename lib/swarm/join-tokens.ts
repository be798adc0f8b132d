// The swarm's join tokens (admin only: a token lets a machine join the cluster) and their rotation.
import type Docker from 'dockerode';
import { translateDockerError } from '@/lib/docker/docker-errors';

export interface JoinTokensView {
  readonly worker: string;
  readonly manager: string;
  /** Where `docker swarm join --token … <address>` connects: the managers' addresses. */
  readonly managerAddresses: readonly string[];
}

interface SwarmShape {
  Version?: { Index?: number };
  Spec?: Record<string, unknown>;
  JoinTokens?: { Worker?: string; Manager?: string };
}

export async function readJoinTokens(docker: Docker, endpoint: string): Promise<JoinTokensView> {
  try {
    const [swarm, nodes] = await Promise.all([
      docker.swarmInspect() as Promise<SwarmShape>,
      docker.listNodes({ filters: JSON.stringify({ role: ['manager'] }) }) as Promise<{ ManagerStatus?: { Addr?: string } }[]>,
    ]);
    return {
      worker: swarm.JoinTokens?.Worker ?? '',
      manager: swarm.JoinTokens?.Manager ?? '',
      managerAddresses: nodes.map((node) => node.ManagerStatus?.Addr ?? '').filter(Boolean),
    };
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
}

/** A new token for `role`; the old one stops working (nodes that already joined are unaffected). */
export async function rotateJoinToken(docker: Docker, endpoint: string, role: 'worker' | 'manager'): Promise<JoinTokensView> {
  try {
    const swarm = (await docker.swarmInspect()) as SwarmShape;
    await docker.swarmUpdate({
      _query: { version: swarm.Version?.Index ?? 0, ...(role === 'worker' ? { rotateWorkerToken: true } : { rotateManagerToken: true }) },
      _body: swarm.Spec ?? {},
    });
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
  return readJoinTokens(docker, endpoint);
}
