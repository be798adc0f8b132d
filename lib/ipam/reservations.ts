// Gateway and aux addresses: shared by every host of the flat network, never given to a
// container. The record lists the hosts holding it; the last one to let go deletes it.
import { describeHolder } from './address-claim';
import { MAX_CONFLICTS } from './contention';
import { AddressOutOfPoolError, AddressTakenError, ContentionError, InvalidRequestError } from './errors';
import { cidrContains, formatCidr, formatIpv4, isNetworkOrBroadcast, requireIpv4 } from './ipv4';
import { keys } from './keys';
import type { AllocationContext } from './pool-cache';
import type { PoolState } from './pool-state';
import { type AddressRecord, addressRecord, decode, encode } from './records';
import type { Entry, Store } from './store';

export type ReservationKind = 'gateway' | 'aux';

/** Reserves `addressText` for this host, joining the holders when another host reserved it first. */
export async function reserveAddress(
  context: AllocationContext,
  state: PoolState,
  kind: ReservationKind,
  addressText: string | undefined,
): Promise<number> {
  const { store, hostId } = context;
  const { subnet, poolId } = state.config;
  const what = kind === 'gateway' ? '--gateway' : '--aux-address';
  if (!addressText) {
    throw new InvalidRequestError(`${what} needs an explicit address with this driver: pass ${what} with this host's address`);
  }
  const address = requireIpv4(addressText.split('/')[0] ?? '', what);
  if (!cidrContains(subnet, address) || isNetworkOrBroadcast(subnet, address)) {
    throw new AddressOutOfPoolError(`${what} ${formatIpv4(address)} is not a usable address of ${formatCidr(subnet)}: pick one inside it`);
  }
  const key = keys.address(poolId, address);
  for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
    const record: AddressRecord = { kind, holders: [hostId], at: new Date().toISOString() };
    const created = await store.txn([{ key, absent: true }], [{ put: key, value: encode(record) }], [key]);
    if (created.succeeded) {
      state.used.add(address);
      return address;
    }
    const current = created.reads[0];
    if (!current) continue;
    const existing = decode(addressRecord, current);
    if (existing.kind === 'container') {
      throw new AddressTakenError(
        `${what} ${formatIpv4(address)} is already given to a container (${describeHolder(existing)}): ` +
          'use an address outside the container ranges (see shipyard-ipam ls)',
      );
    }
    if (existing.holders.includes(hostId)) return address;
    const shared = encode({ ...existing, holders: [...existing.holders, hostId] });
    const joined = await store.txn([{ key, modRevision: current.modRevision }], [{ put: key, value: shared }]);
    if (joined.succeeded) return address;
  }
  throw new ContentionError(`${what} ${formatIpv4(address)} kept changing while being reserved: retry`);
}

/** Removes `hostId` from a reservation's holders, deleting it with the last one. False on a lost race. */
export async function dropHold(store: Store, hostId: string, entry: Entry): Promise<boolean> {
  const record = decode(addressRecord, entry);
  if (record.kind === 'container') return true;
  const holders = record.holders.filter((holder) => holder !== hostId);
  const key = entry.key;
  const write = holders.length === 0 ? { delete: key } : { put: key, value: encode({ ...record, holders }) };
  const result = await store.txn([{ key, modRevision: entry.modRevision }], [write]);
  return result.succeeded;
}
