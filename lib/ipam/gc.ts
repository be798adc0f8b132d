// Garbage collection of leaked container allocations (a container that vanished without Docker
// releasing its address: engine crash, plugin down at stop time). An allocation is freed only if
// it is older than the grace period (a container being started is not yet visible as running),
// its host's engine answered and does not run its MAC, and it is unchanged since we looked.
// Allocations of hosts whose liveness key expired are only reported, unless asked to free them.
import type { Engine } from './engine';
import { keys } from './keys';
import { type ContainerAllocationRecord, addressRecord, blockRecord, decode, liveHostRecord } from './records';
import type { Entry, Store } from './store';
import { listSubnetConfigs } from './subnet-config';

export interface GcOptions {
  readonly hostId: string;
  /** This host's engine; without it, nothing of this host is freed. */
  readonly engine?: Engine;
  readonly graceMs: number;
  readonly freeGoneHosts: boolean;
  readonly now?: Date;
}

export interface GcFinding {
  readonly poolId: string;
  readonly address: string;
  readonly host: string;
  readonly mac?: string;
  readonly since: string;
}

export interface GcReport {
  /** Freed: container gone from this host's engine. */
  readonly freed: GcFinding[];
  /** Allocations of hosts without a live plugin; freed only with freeGoneHosts. */
  readonly goneHosts: GcFinding[];
  readonly goneHostsFreed: boolean;
  /** Block affinities of gone hosts dropped (with freeGoneHosts), as "<pool> <block> (host)". */
  readonly goneHostBlocks: string[];
}

export async function liveHosts(store: Store): Promise<Set<string>> {
  const entries = await store.list(keys.liveHosts);
  return new Set(entries.map((entry) => decode(liveHostRecord, entry).host));
}

async function freeIfUnchanged(store: Store, poolId: string, entry: Entry, record: ContainerAllocationRecord): Promise<boolean> {
  const writes = [{ delete: entry.key }, ...(record.mac ? [{ delete: keys.mac(poolId, record.mac) }] : [])];
  const result = await store.txn([{ key: entry.key, modRevision: entry.modRevision }], writes);
  return result.succeeded;
}

/** A gone host's blocks would stay affined forever: free them so live hosts can claim them. */
async function dropGoneHostBlocks(store: Store, poolId: string, live: Set<string>): Promise<string[]> {
  const dropped: string[] = [];
  const prefix = keys.blocks(poolId);
  for (const entry of await store.list(prefix)) {
    const { host } = decode(blockRecord, entry);
    if (live.has(host)) continue;
    const result = await store.txn([{ key: entry.key, modRevision: entry.modRevision }], [{ delete: entry.key }]);
    if (result.succeeded) dropped.push(`${poolId} ${entry.key.slice(prefix.length)} (host ${host})`);
  }
  return dropped;
}

export async function collectGarbage(store: Store, options: GcOptions): Promise<GcReport> {
  const now = (options.now ?? new Date()).getTime();
  const running = options.engine ? new Set((await options.engine.runningContainers()).flatMap((c) => c.macs)) : undefined;
  const live = await liveHosts(store);
  let owners: Promise<Set<string> | undefined> | undefined;
  const ownerMacs = () => (owners ??= options.engine?.containerMacs ? options.engine.containerMacs() : Promise.resolve(undefined));
  const report: GcReport = { freed: [], goneHosts: [], goneHostsFreed: options.freeGoneHosts, goneHostBlocks: [] };
  for (const config of await listSubnetConfigs(store)) {
    if (options.freeGoneHosts) report.goneHostBlocks.push(...(await dropGoneHostBlocks(store, config.poolId, live)));
    const prefix = keys.addresses(config.poolId);
    for (const entry of await store.list(prefix)) {
      const record = decode(addressRecord, entry);
      if (record.kind !== 'container') continue;
      if (now - Date.parse(record.at) < options.graceMs) continue;
      const finding: GcFinding = {
        poolId: config.poolId,
        address: entry.key.slice(prefix.length),
        host: record.host,
        since: record.at,
        ...(record.mac ? { mac: record.mac } : {}),
      };
      if (record.host === options.hostId) {
        if (!running || !record.mac || running.has(record.mac)) continue;
        // A parked address belongs to a stopped container until that container is removed.
        if (record.parked && (await ownerMacs())?.has(record.mac) !== false) continue;
        if (await freeIfUnchanged(store, config.poolId, entry, record)) report.freed.push(finding);
      } else if (!live.has(record.host)) {
        if (!options.freeGoneHosts || (await freeIfUnchanged(store, config.poolId, entry, record))) report.goneHosts.push(finding);
      }
    }
  }
  return report;
}

export function describeReport(report: GcReport): string[] {
  const line = (f: GcFinding) => `${f.address} (pool ${f.poolId}, host ${f.host}${f.mac ? `, MAC ${f.mac}` : ''}, since ${f.since})`;
  return [
    ...report.freed.map((f) => `freed ${line(f)}: its container no longer runs`),
    ...report.goneHosts.map((f) =>
      report.goneHostsFreed
        ? `freed ${line(f)}: host ${f.host} is gone`
        : `host ${f.host} is gone (no live plugin) and still holds ${line(f)}; free with gc --free-gone-hosts`,
    ),
    ...report.goneHostBlocks.map((block) => `released block affinity ${block}: its host is gone`),
  ];
}

