// The cluster page's data: per host, each core with who holds it, memory reserved and free, and
// how many containers run. Built from the same inventory the scheduler places on.
import type { ContainerContext } from '@/lib/engines/context';
import { readClaims } from './place-and-claim';
import { freeCoresOf, runningCountOf, type HostInventory } from './inventory';
import { readEngines, withClaims } from './read-inventory';
import type { PlacementStrategy } from './strategy';

export interface CoreView {
  readonly core: number;
  readonly state: 'free' | 'exclusive' | 'shared';
  /** Container names; "… (being created)" while a claim waits for its container. */
  readonly holders: readonly string[];
}

export type ClusterHostView =
  | { readonly state: 'down'; readonly host: string; readonly reason: string }
  | {
      readonly state: 'up';
      readonly host: string;
      readonly cores: readonly CoreView[];
      readonly freeCores: number;
      readonly memoryBytes: number;
      readonly reservedMemoryBytes: number;
      readonly freeMemoryBytes: number;
      readonly running: number;
      readonly containers: number;
      readonly labels: Readonly<Record<string, string>>;
    };

export interface ClusterView {
  readonly hosts: readonly ClusterHostView[];
  /** The default strategy (SHIPYARD_PLACEMENT_STRATEGY). */
  readonly strategy: PlacementStrategy;
  readonly readAt: string;
}

export function toClusterView(inventory: readonly HostInventory[], strategy: PlacementStrategy, now = new Date()): ClusterView {
  const hosts = inventory.map((host): ClusterHostView => {
    if (host.state === 'down') return host;
    const cores = Array.from({ length: host.cpus }, (_, core): CoreView => {
      const use = host.cores.get(core);
      return use ? { core, state: use.kind, holders: use.holders } : { core, state: 'free', holders: [] };
    });
    return {
      state: 'up',
      host: host.host,
      cores,
      freeCores: freeCoresOf(host).length,
      memoryBytes: host.memoryBytes,
      reservedMemoryBytes: host.reservedMemoryBytes,
      freeMemoryBytes: Math.max(0, host.memoryBytes - host.reservedMemoryBytes),
      running: runningCountOf(host),
      containers: host.containers.length,
      labels: host.labels,
    };
  });
  return { hosts: [...hosts].sort((a, b) => a.host.localeCompare(b.host)), strategy, readAt: now.toISOString() };
}

/** Reads the engines and the claims now. */
export async function readClusterView(context: ContainerContext): Promise<ClusterView> {
  const store = context.placement?.store;
  const [readings, claims] = await Promise.all([readEngines(context), readClaims(store ?? null)]);
  return toClusterView(withClaims(readings, claims.cores, claims.memory), context.placement?.strategy ?? 'spread');
}
