import type { EngineClient } from './engine-client';
import type { EngineInfoJson, EngineVersionJson } from './engine-shapes';

/** What the dashboard shows of an engine: Docker's `info` and `version`, reshaped. */
export interface EngineSummary {
  name: string;
  engineVersion: string;
  apiVersion: string;
  operatingSystem: string;
  architecture: string;
  cpus: number;
  memoryBytes: number;
  containers: { total: number; running: number; paused: number; stopped: number };
  images: number;
  swarm: SwarmSummary;
}

export interface SwarmSummary {
  state: 'inactive' | 'pending' | 'active' | 'error' | 'locked';
  isManager: boolean;
  nodes: number;
  managers: number;
  clusterId: string | null;
}

const swarmStates = new Set<SwarmSummary['state']>(['inactive', 'pending', 'active', 'error', 'locked']);

function toSwarmState(value: string | undefined): SwarmSummary['state'] {
  return value !== undefined && swarmStates.has(value as SwarmSummary['state']) ? (value as SwarmSummary['state']) : 'inactive';
}

export function toEngineSummary(info: EngineInfoJson, version: Partial<Pick<EngineVersionJson, 'Version' | 'ApiVersion'>>): EngineSummary {
  const swarm = info.Swarm ?? {};
  return {
    name: info.Name ?? 'unknown',
    engineVersion: version.Version ?? 'unknown',
    apiVersion: version.ApiVersion ?? 'unknown',
    operatingSystem: info.OperatingSystem ?? 'unknown',
    architecture: info.Architecture ?? 'unknown',
    cpus: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    containers: {
      total: info.Containers ?? 0,
      running: info.ContainersRunning ?? 0,
      paused: info.ContainersPaused ?? 0,
      stopped: info.ContainersStopped ?? 0,
    },
    images: info.Images ?? 0,
    swarm: {
      state: toSwarmState(swarm.LocalNodeState),
      isManager: swarm.ControlAvailable ?? false,
      nodes: swarm.Nodes ?? 0,
      managers: swarm.Managers ?? 0,
      clusterId: swarm.Cluster?.ID ?? null,
    },
  };
}

export async function getEngineSummary(client: EngineClient): Promise<EngineSummary> {
  const [info, version] = await Promise.all([client.info(), client.version()]);
  return toEngineSummary(info, version);
}
