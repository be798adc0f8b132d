// The MAC index: one key per (pool, MAC) naming the address that MAC holds. It is written in the
// same transaction as the address, so a retried request (same MAC) finds the address it was given.
import { formatIpv4, requireIpv4 } from './ipv4';
import { keys } from './keys';
import type { Entry, Store } from './store';

/** The address a MAC index entry names. */
export function addressOfMacEntry(entry: Entry): number {
  return requireIpv4(entry.value, 'stored MAC index');
}

/** The address `mac` already holds in the pool, if any: the idempotency of a retried request. */
export async function addressHeldByMac(store: Store, poolId: string, mac: string | undefined): Promise<number | undefined> {
  const held = mac ? await store.get(keys.mac(poolId, mac)) : undefined;
  return held ? addressOfMacEntry(held) : undefined;
}

/** The index key and value to write with an address, when the request names a MAC. */
export function macIndexOf(poolId: string, mac: string | undefined, address: number): { key: string; value: string } | undefined {
  return mac ? { key: keys.mac(poolId, mac), value: formatIpv4(address) } : undefined;
}
