// Reads the pool back from etcd and checks the invariants every test relies on.
import { keys } from '@/lib/ipam/keys';
import { addressRecord, decode } from '@/lib/ipam/records';
import type { Store } from '@/lib/ipam/store';

export interface PoolContents {
  /** address → MAC of every container allocation. */
  containers: Map<string, string | undefined>;
  /** MAC → address from the MAC index. */
  macs: Map<string, string>;
}

export async function readPool(store: Store, poolId: string): Promise<PoolContents> {
  const addressPrefix = keys.addresses(poolId);
  const containers = new Map<string, string | undefined>();
  for (const entry of await store.list(addressPrefix)) {
    const record = decode(addressRecord, entry);
    if (record.kind === 'container') containers.set(entry.key.slice(addressPrefix.length), record.mac);
  }
  const macPrefix = `subnets/${poolId}/macs/`;
  const macs = new Map((await store.list(macPrefix)).map((entry) => [entry.key.slice(macPrefix.length), entry.value] as const));
  return { containers, macs };
}

/** The MAC index and the address keys must describe the same one-to-one mapping. */
export function indexMismatches({ containers, macs }: PoolContents): string[] {
  const problems: string[] = [];
  for (const [mac, address] of macs) {
    if (containers.get(address) !== mac) problems.push(`MAC ${mac} → ${address}, but ${address} is held by ${containers.get(address) ?? 'nobody'}`);
  }
  for (const [address, mac] of containers) {
    if (mac && macs.get(mac) !== address) problems.push(`${address} held by ${mac}, but the index says ${macs.get(mac) ?? 'nothing'}`);
  }
  return problems;
}
