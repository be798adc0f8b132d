import type { Services } from './services';

/** What the manager-side domains (networks, swarm) use: the manager's engine client and the configuration (its URL names the engine in errors). */
export type ManagerServices = Pick<Services, 'docker' | 'config'>;
