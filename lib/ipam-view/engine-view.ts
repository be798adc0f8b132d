// What the console's engine tells about allocations: its host name (the sidecar's default
// --host-id is the hostname, which Docker reports as Name) and the MACs of running containers
// (a stopped container has released its address). Docker's shapes stop at the engine client.
import type { EngineClient } from '@/lib/docker/engine-client';
import { containerNamesByMac as namesByMac } from '@/lib/docker/running-containers';

export interface EngineContainerView {
  readonly name: string;
  readonly macs: readonly string[];
}

export interface EngineView {
  readonly host: string;
  readonly containers: readonly EngineContainerView[];
}

export async function readEngineView(client: EngineClient): Promise<EngineView> {
  const [info, containers] = await Promise.all([client.info(), client.runningContainers()]);
  return { host: info.Name ?? '', containers: containers.map(({ name, macs }) => ({ name, macs })) };
}

/** MAC → container name. */
export function containerNamesByMac(engine: EngineView): Map<string, string> {
  return namesByMac(engine.containers);
}
