// Inventories for the scheduler's tests and the benchmark: hosts described in a line each.
import type { CoreUse, HostContainer, UpHost } from './inventory';
import type { PlacementRequest } from './scheduler';

const GIB = 1024 ** 3;

export function upHost(host: string, options: Partial<Omit<UpHost, 'state' | 'host'>> & { usedCores?: Record<number, CoreUse> } = {}): UpHost {
  const { usedCores, ...rest } = options;
  return {
    state: 'up',
    host,
    cpus: 2,
    memoryBytes: 2 * GIB,
    reservedMemoryBytes: 0,
    labels: {},
    images: new Set(['busybox:latest']),
    networks: new Set(['br0']),
    containers: [],
    cores: new Map(Object.entries(usedCores ?? {}).map(([core, use]) => [Number(core), use])),
    ...rest,
  };
}

export function containerOn(name: string, image = 'busybox:latest'): HostContainer {
  return { id: `${name}-0123456789abcdef`, name, image, running: true };
}

export function request(options: Partial<PlacementRequest> = {}): PlacementRequest {
  return { image: 'busybox', cores: 0, memoryBytes: 0, network: 'br0', rules: { constraints: [], affinities: [] }, strategy: 'spread', pullIfMissing: false, ...options };
}
