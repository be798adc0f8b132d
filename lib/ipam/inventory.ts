// What `ls` shows: each pool with its ranges and used/free counts, and every address in use.
import { keys } from './keys';
import { requireIpv4 } from './ipv4';
import { rangeContains } from './ranges';
import { type AddressRecord, addressRecord, decode, hostAddressRecord } from './records';
import type { Store } from './store';
import { type SubnetConfig, containerPoolSize, listSubnetConfigs } from './subnet-config';

export interface PoolInventory {
  readonly config: SubnetConfig;
  readonly used: number;
  readonly free: number;
  readonly addresses: { readonly address: string; readonly record: AddressRecord }[];
  readonly hosts: { readonly address: string; readonly host: string }[];
}

export async function inventory(store: Store): Promise<PoolInventory[]> {
  const pools: PoolInventory[] = [];
  for (const config of await listSubnetConfigs(store)) {
    const prefix = keys.addresses(config.poolId);
    const addresses = (await store.list(prefix)).map((entry) => ({ address: entry.key.slice(prefix.length), record: decode(addressRecord, entry) }));
    const hostPrefix = keys.hostAddresses(config.poolId);
    const hosts = (await store.list(hostPrefix)).map((entry) => ({
      address: entry.key.slice(hostPrefix.length),
      host: decode(hostAddressRecord, entry).host,
    }));
    const inRanges = addresses.filter(({ address }) =>
      config.containerRanges.some((range) => rangeContains(range, requireIpv4(address, 'stored address'))),
    ).length;
    const size = containerPoolSize(config);
    pools.push({ config, used: inRanges, free: size - inRanges, addresses, hosts });
  }
  return pools;
}
