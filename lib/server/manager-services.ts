import type { Actor } from '@/lib/audit/actor';
import type { EngineClient } from '@/lib/docker/engine-client';
import { userCaller } from '@/lib/docker/engine-request';
import type { Services } from './services';

/** What the manager-side domains (networks, swarm) use: the manager's engine client and the configuration. */
export type ManagerServices = Pick<Services, 'docker' | 'config'>;

/** The manager's engine client acting for `actor`: the engine request gate sees who asked. */
export function managerClientOf(services: Pick<ManagerServices, 'docker'>, actor: Pick<Actor, 'username' | 'role' | 'grants'>): EngineClient {
  return services.docker.as(userCaller(actor));
}
