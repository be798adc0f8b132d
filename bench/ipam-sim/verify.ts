// Reads the simulation's pool back from etcd: every address given once, every record requested,
// and the MAC index matching the records.
import { keys } from '../../lib/ipam/keys';
import { addressRecord, decode } from '../../lib/ipam/records';
import type { Store } from '../../lib/ipam/store';

export interface PoolCheck {
  readonly records: number;
  /** Addresses given to two requests: must be 0. */
  readonly duplicates: number;
  /** Records no answered request holds: a request that timed out while etcd still committed it (a retry with its MAC gets it back; gc frees it). */
  readonly unanswered: number;
  readonly indexMismatches: number;
}

export async function verifyPool(store: Store, poolId: string, given: readonly string[]): Promise<PoolCheck> {
  const addressPrefix = keys.addresses(poolId);
  const byAddress = new Map<string, string | undefined>();
  for (const entry of await store.list(addressPrefix)) {
    const record = decode(addressRecord, entry);
    if (record.kind === 'container') byAddress.set(entry.key.slice(addressPrefix.length), record.mac);
  }
  const macPrefix = `subnets/${poolId}/macs/`;
  const macs = await store.list(macPrefix);
  const givenAddresses = given.map((address) => address.split('/')[0] ?? '');
  const distinct = new Set(givenAddresses);
  const duplicates = givenAddresses.length - distinct.size;
  let unanswered = 0;
  for (const address of byAddress.keys()) if (!distinct.has(address)) unanswered++;
  let indexMismatches = 0;
  for (const entry of macs) if (byAddress.get(entry.value) !== entry.key.slice(macPrefix.length)) indexMismatches++;
  if (macs.length !== byAddress.size) indexMismatches += Math.abs(macs.length - byAddress.size);
  return { records: byAddress.size, duplicates, unanswered, indexMismatches };
}
