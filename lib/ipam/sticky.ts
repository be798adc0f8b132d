// Addresses that stay with their container. Docker releases a container's address at every stop
// and asks again at start; the only identity it hands the driver is the endpoint's MAC, which is
// random on each start unless the container was created with a MAC (Config.MacAddress, set by the
// console). So on release, a container record with a MAC is *parked* (kept, with its MAC index)
// instead of deleted; the next RequestAddress with that MAC fails the claim's MAC guard and gets
// the parked address back (address-claim.ts). A parked address is freed as soon as no container
// on its host's engine was created with (or runs with) its MAC: checked right after parking (so
// random-MAC containers lose their address as before), on every `destroy` event, and by gc.
// Every change is a transaction on the record's revision: nothing here creates an address key.
import type { Engine } from './engine';
import { keys } from './keys';
import { type ContainerAllocationRecord, addressRecord, decode, encode } from './records';
import type { Entry, Store } from './store';
import { listSubnetConfigs } from './subnet-config';

export const STICKY_OPTION = 'sticky';

/** `--ipam-opt sticky=false` turns parking off for the network's pool; anything else keeps it on. */
export function stickyOfOptions(options: Readonly<Record<string, string>> | null | undefined): boolean {
  return !/^(false|0|no|off)$/i.test(options?.[STICKY_OPTION] ?? '');
}

/** Written at each RequestPool (every host creates the flat network with the same options). */
export async function saveStickySetting(store: Store, poolId: string, sticky: boolean): Promise<void> {
  if (sticky) await store.delete(keys.sticky(poolId));
  else await store.put(keys.sticky(poolId), 'false');
}

export async function isSticky(store: Store, poolId: string): Promise<boolean> {
  return (await store.get(keys.sticky(poolId)))?.value !== 'false';
}

/** Parks a container record: true when the record (unchanged since read) is now parked. */
export async function park(store: Store, entry: Entry, record: ContainerAllocationRecord): Promise<boolean> {
  const parked: ContainerAllocationRecord = { ...record, parked: true, at: new Date().toISOString() };
  const result = await store.txn([{ key: entry.key, modRevision: entry.modRevision }], [{ put: entry.key, value: encode(parked) }]);
  return result.succeeded;
}

/** The container is back (a RequestAddress with its MAC): the record is in use again, on this host. */
export async function unpark(store: Store, entry: Entry, hostId: string): Promise<void> {
  const record = decode(addressRecord, entry);
  if (record.kind !== 'container' || !record.parked) return;
  const { parked: _parked, ...active } = record;
  const next: ContainerAllocationRecord = { ...active, host: hostId, at: new Date().toISOString() };
  // Best effort: a lost race means another request changed it, and the record stays valid either way.
  await store.txn([{ key: entry.key, modRevision: entry.modRevision }], [{ put: entry.key, value: encode(next) }]);
}

export interface ParkedFinding {
  readonly poolId: string;
  readonly address: string;
  readonly mac: string;
}

/** Frees this host's parked addresses whose MAC no container on its engine has. Returns what it freed. */
export async function freeOrphanedParked(store: Store, hostId: string, engine: Engine): Promise<ParkedFinding[]> {
  const parked: { poolId: string; entry: Entry; mac: string }[] = [];
  for (const config of await listSubnetConfigs(store)) {
    for (const entry of await store.list(keys.addresses(config.poolId))) {
      const record = decode(addressRecord, entry);
      if (record.kind === 'container' && record.parked && record.host === hostId && record.mac) {
        parked.push({ poolId: config.poolId, entry, mac: record.mac });
      }
    }
  }
  if (parked.length === 0 || !engine.containerMacs) return [];
  const owners = await engine.containerMacs();
  const freed: ParkedFinding[] = [];
  for (const { poolId, entry, mac } of parked) {
    if (owners.has(mac)) continue;
    const result = await store.txn([{ key: entry.key, modRevision: entry.modRevision }], [{ delete: entry.key }, { delete: keys.mac(poolId, mac) }]);
    if (result.succeeded) freed.push({ poolId, address: entry.key.slice(keys.addresses(poolId).length), mac });
  }
  return freed;
}
