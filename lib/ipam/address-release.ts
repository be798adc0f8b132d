// Freeing one address: a container's (with its MAC index), or this host's hold on a reservation.
import { MAX_CONFLICTS } from './contention';
import { ContentionError } from './errors';
import { requireIpv4 } from './ipv4';
import { keys } from './keys';
import type { AllocationContext } from './pool-cache';
import { addressRecord, decode } from './records';
import { dropHold } from './reservations';
import { isSticky, park } from './sticky';

/**
 * Idempotent: releasing a free address succeeds. `force` also drops shared reservations and frees
 * parked addresses. Returns 'parked' when a sticky pool kept the container's address (sticky.ts).
 */
export async function releaseAddress(
  context: AllocationContext,
  poolId: string,
  addressText: string,
  force: boolean,
): Promise<'freed' | 'parked'> {
  const { store, hostId, pools } = context;
  const address = requireIpv4(addressText.split('/')[0] ?? '', 'address');
  const key = keys.address(poolId, address);
  // Docker waits for this call when a container stops or goes: the pool's sticky setting is read
  // while the record is, not after it (one round trip less per stop).
  const stickyRead = isSticky(store, poolId);
  stickyRead.catch(() => undefined);
  for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
    const entry = await store.get(key);
    if (!entry) {
      pools.forget(poolId, address);
      return 'freed';
    }
    const record = decode(addressRecord, entry);
    if (record.kind !== 'container' && !force) {
      if (!record.holders.includes(hostId)) return 'freed';
      if (await dropHold(store, hostId, entry)) return 'freed';
      continue;
    }
    if (record.kind === 'container' && record.mac && !force) {
      if (record.parked) return 'parked';
      if (await stickyRead) {
        if (await park(store, entry, record)) return 'parked';
        continue;
      }
    }
    const writes = [{ delete: key }, ...(record.kind === 'container' && record.mac ? [{ delete: keys.mac(poolId, record.mac) }] : [])];
    const result = await store.txn([{ key, modRevision: entry.modRevision }], writes);
    if (result.succeeded) {
      pools.forget(poolId, address);
      return 'freed';
    }
  }
  throw new ContentionError(`address ${addressText} kept changing while being released: retry`);
}
