import type { EngineCaller } from '@/lib/docker/engine-request';
import type { PlacementSettings } from '@/lib/placement/placement-settings';
import type { EngineHandle, EngineProblem } from './engines';

/** Where containers live: the configured engines and the flat network's name. */
export interface ContainerContext {
  /** The configured engines, SHIPYARD_DOCKER (the manager) first. */
  handles: EngineHandle[];
  /** More engines found on the swarm's nodes (SHIPYARD_ENGINE_DISCOVERY=swarm), if enabled. */
  discovery?: { handles(): Promise<{ handles: EngineHandle[]; nodes: ReadonlyMap<string, string>; problems: EngineProblem[] }> };
  flatNetwork: string | null;
  /** Where exclusive-core claims live and the default strategy; absent: no claims (tests without etcd). */
  placement?: PlacementSettings;
  /** Who the engine requests made through this context are for; absent: the console's own work. */
  caller?: EngineCaller;
}

/** Who changes something: one type for every domain (lib/audit/actor.ts). */
export type { Actor } from '@/lib/audit/actor';
