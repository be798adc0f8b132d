// What the console's engine tells about allocations: its host name (the sidecar's default
// --host-id is the hostname, which Docker reports as Name) and the MACs of running containers
// (a stopped container has released its address). Docker's shapes stop here.
import type Docker from 'dockerode';
import { translateDockerError } from '@/lib/docker/docker-errors';

export interface EngineContainerView {
  readonly name: string;
  readonly macs: readonly string[];
}

export interface EngineView {
  readonly host: string;
  readonly containers: readonly EngineContainerView[];
}

export async function readEngineView(docker: Docker, endpoint: string): Promise<EngineView> {
  try {
    const [info, containers] = await Promise.all([docker.info() as Promise<{ Name?: string }>, docker.listContainers()]);
    return {
      host: info.Name ?? '',
      containers: containers.map((container) => ({
        name: (container.Names[0] ?? container.Id).replace(/^\//, ''),
        macs: Object.values(container.NetworkSettings?.Networks ?? {})
          .map((endpointSettings) => endpointSettings.MacAddress.toLowerCase())
          .filter(Boolean),
      })),
    };
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
}

/** MAC → container name. */
export function containerNamesByMac(engine: EngineView): Map<string, string> {
  const names = new Map<string, string>();
  for (const container of engine.containers) for (const mac of container.macs) names.set(mac, container.name);
  return names;
}
