import type { DatabaseHandle } from '@/prisma-free-db';
import type { Role } from '@/prisma-free-db/schemas/account';
import type { EngineCaller } from '@/lib/docker/engine-request';
import type { EngineHandle, EngineProblem } from './engines';

/** Where containers live: the configured engines and the flat network's name. */
export interface ContainerContext {
  /** The configured engines, SHIPYARD_DOCKER (the manager) first. */
  handles: EngineHandle[];
  /** More engines found on the swarm's nodes (SHIPYARD_ENGINE_DISCOVERY=swarm), if enabled. */
  discovery?: { handles(): Promise<{ handles: EngineHandle[]; nodes: ReadonlyMap<string, string>; problems: EngineProblem[] }> };
  flatNetwork: string | null;
  /** Who the engine requests made through this context are for; absent: the console's own work. */
  caller?: EngineCaller;
}

/** Who changes something, for the permission checks that depend on the role and for the audit log. */
export interface Actor {
  username: string;
  role: Role;
  address: string;
  database: DatabaseHandle;
}
