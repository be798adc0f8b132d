// The address-request transaction. Safety rests on one rule: an address key is only ever created
// by a transaction that requires it to be absent, together with the MAC's index key, so two
// callers (any host, any retry) can never both own an address, and one MAC never owns two.
import { keys } from './keys';
import { addressOfMacEntry, macIndexOf } from './mac-index';
import type { AllocationContext } from './pool-cache';
import type { PoolState } from './pool-state';
import { type AddressRecord, addressRecord, decode, encode } from './records';
import { unpark } from './sticky';

export type ClaimOutcome =
  | { readonly kind: 'claimed'; readonly address: number }
  | { readonly kind: 'mac-holds'; readonly address: number }
  | { readonly kind: 'taken'; readonly record: AddressRecord | undefined };

/**
 * One transaction: take the address (and the MAC index) only if both are free. Concurrent claims
 * of this instance share an etcd round trip (claim-batcher.ts), each decided on its own guards.
 */
export async function claimAddress(
  context: AllocationContext,
  state: PoolState,
  address: number,
  mac: string | undefined,
  nonce: string,
): Promise<ClaimOutcome> {
  const { store, hostId } = context;
  const poolId = state.config.poolId;
  const addressKey = keys.address(poolId, address);
  const record: AddressRecord = { kind: 'container', host: hostId, at: new Date().toISOString(), nonce, ...(mac ? { mac } : {}) };
  const index = macIndexOf(poolId, mac, address);
  const guards = [{ key: addressKey, absent: true as const }, ...(index ? [{ key: index.key, absent: true as const }] : [])];
  const writes = [{ put: addressKey, value: encode(record) }, ...(index ? [{ put: index.key, value: index.value }] : [])];
  const reads = [addressKey, ...(index ? [index.key] : [])];
  const result = await context.claims.run({ guards, writes, readOnFailure: reads });
  if (result.succeeded) return { kind: 'claimed', address };
  const [current, macEntry] = result.reads;
  if (macEntry) {
    const held = addressOfMacEntry(macEntry);
    // A sticky container back from a stop: its parked address is in use again.
    const heldEntry = await store.get(keys.address(poolId, held));
    if (heldEntry) await unpark(store, heldEntry, hostId);
    return { kind: 'mac-holds', address: held };
  }
  const existing = current ? decode(addressRecord, current) : undefined;
  // Our own earlier attempt whose reply was lost (a retried RPC) holds our nonce.
  if (existing?.kind === 'container' && existing.nonce === nonce) return { kind: 'claimed', address };
  return { kind: 'taken', record: existing };
}

/** Who holds an address, in words for an error message. */
export function describeHolder(record: AddressRecord | undefined): string {
  if (!record) return 'by another request just now';
  if (record.kind === 'container') return `container on host ${record.host}${record.mac ? `, MAC ${record.mac}` : ''}, since ${record.at}`;
  return `${record.kind} of host ${record.holders.join(', ')}`;
}
