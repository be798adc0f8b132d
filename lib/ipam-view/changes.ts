// Turns one etcd revision's raw key changes into the live feed's events. Key parsing stays in
// the sidecar's keys.ts; records are decoded with its schemas.
import { addressOfKey, poolIdOfConfigKey } from '@/lib/ipam/keys';
import { addressRecord, decode } from '@/lib/ipam/records';
import type { WatchChange } from '@/lib/ipam/store';
import { type AllocationContext, allocationView } from './allocations';
import type { IpamChange } from './types';

const HOST_ADDRESS_KEY = /^subnets\/([^/]+)\/hosts\//;

/** Does this revision change anything the console shows? (MAC index, blocks and refs do not.) */
export function isVisibleChange(change: WatchChange): boolean {
  return addressOfKey(change.key) !== undefined || poolIdOfConfigKey(change.key) !== undefined || HOST_ADDRESS_KEY.test(change.key);
}

export function needsContext(changes: readonly WatchChange[]): boolean {
  return changes.some((change) => change.type === 'put' && addressOfKey(change.key) !== undefined);
}

export function toIpamChanges(changes: readonly WatchChange[], context: AllocationContext): IpamChange[] {
  const out: IpamChange[] = [];
  for (const change of changes) {
    const address = addressOfKey(change.key);
    if (address) {
      if (change.type === 'delete') out.push({ type: 'released', ...address });
      else {
        const record = decode(addressRecord, { key: change.key, value: change.value, modRevision: change.modRevision });
        out.push({ type: 'allocated', allocation: allocationView(address.poolId, address.address, record, context) });
      }
      continue;
    }
    const poolId = poolIdOfConfigKey(change.key) ?? HOST_ADDRESS_KEY.exec(change.key)?.[1];
    if (poolId && !out.some((c) => c.type === 'pool-changed' && c.poolId === poolId)) out.push({ type: 'pool-changed', poolId });
  }
  return out;
}
