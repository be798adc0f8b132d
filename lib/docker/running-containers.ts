// Which running container holds which MAC: how the IPAM views and gc tell a used address from a
// leaked one. Written once here (the console's IPAM view, its gc and the sidecar's CLI use it).
import type { ContainerListEntry } from './engine-shapes';

export interface RunningContainer {
  readonly id: string;
  readonly name: string;
  /** Lower-case MAC of each network endpoint of the running container. */
  readonly macs: readonly string[];
  /** The container's labels (a swarm task's say which service, slot and node). */
  readonly labels?: Readonly<Record<string, string>>;
}

export function toRunningContainers(entries: readonly ContainerListEntry[]): RunningContainer[] {
  return entries.map((container) => ({
    id: container.Id,
    name: (container.Names[0] ?? container.Id).replace(/^\//, ''),
    macs: Object.values(container.NetworkSettings?.Networks ?? {})
      .map((settings) => settings.MacAddress.toLowerCase())
      .filter(Boolean),
    labels: container.Labels ?? {},
  }));
}

/** MAC → container name. */
export function containerNamesByMac(containers: readonly Pick<RunningContainer, 'name' | 'macs'>[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const container of containers) for (const mac of container.macs) names.set(mac, container.name);
  return names;
}
