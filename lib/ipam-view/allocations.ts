// Every address in use, reshaped from the sidecar's inventory, with the container that holds it
// when the console's engine knows, and leaks flagged.
import { liveHosts } from '@/lib/ipam/gc';
import { inventory } from '@/lib/ipam/inventory';
import type { AddressRecord } from '@/lib/ipam/records';
import type { Store } from '@/lib/ipam/store';
import { containerNamesByMac, type EngineView, tasksByMac } from './engine-view';
import type { IpamAllocationView, IpamTaskView } from './types';

/** A starting container gets its address before Docker lists it as running: judge leaks after this. */
export const LEAK_GRACE_MS = 30_000;

export interface AllocationContext {
  readonly live: ReadonlySet<string>;
  /** The host of the console's engine; undefined when it did not answer (nothing is then called leaked). */
  readonly engineHost: string | undefined;
  /** MAC → name of the engine's running containers. */
  readonly names: ReadonlyMap<string, string>;
  /** MAC → the swarm task its running container is (absent: none known). */
  readonly tasks?: ReadonlyMap<string, IpamTaskView>;
  readonly now: number;
}

export function allocationView(poolId: string, address: string, record: AddressRecord, context: AllocationContext): IpamAllocationView {
  if (record.kind !== 'container') {
    return {
      poolId,
      address,
      kind: record.kind,
      host: record.holders[0] ?? '',
      holders: record.holders,
      mac: null,
      since: record.at,
      container: null,
      status: 'reserved',
    };
  }
  const mac = record.mac?.toLowerCase() ?? null;
  const base = { poolId, address, kind: 'container' as const, host: record.host, holders: [record.host], mac, since: record.at };
  const onKnownEngine = context.engineHost !== undefined && context.engineHost === record.host;
  const name = onKnownEngine && mac ? (context.names.get(mac) ?? null) : null;
  const task = name && mac ? context.tasks?.get(mac) : undefined;
  if (name) return { ...base, container: name, ...(task ? { task } : {}), status: 'in-use' };
  if (!context.live.has(record.host)) return { ...base, container: null, status: 'host-gone' };
  if (record.parked) return { ...base, container: null, status: 'parked' };
  const oldEnough = context.now - Date.parse(record.at) >= LEAK_GRACE_MS;
  return { ...base, container: null, status: onKnownEngine && oldEnough ? 'leaked' : 'unknown' };
}

export async function allocationContext(store: Store, readEngine: () => Promise<EngineView>): Promise<AllocationContext> {
  const [live, engine] = await Promise.all([liveHosts(store), readEngine().catch(() => undefined)]);
  return { live, engineHost: engine?.host, names: engine ? containerNamesByMac(engine) : new Map(), tasks: engine ? tasksByMac(engine) : new Map(), now: Date.now() };
}

export interface AllocationList {
  /** The etcd revision the list is at least as new as: the live feed resumes after it. */
  readonly revision: string;
  readonly allocations: IpamAllocationView[];
}

export async function listAllocations(store: Store, readEngine: () => Promise<EngineView>): Promise<AllocationList> {
  // The revision first: a change between it and the reads is replayed by the feed, and applying
  // an allocation that is already listed (or a release of one that is gone) changes nothing.
  const revision = await store.currentRevision();
  const [pools, context] = await Promise.all([inventory(store), allocationContext(store, readEngine)]);
  const allocations = pools.flatMap((pool) =>
    pool.addresses.map(({ address, record }) => allocationView(pool.config.poolId, address, record, context)),
  );
  return { revision, allocations };
}
