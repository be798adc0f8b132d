// What the network form tells about a subnet before the network is created: is there a pool,
// does it have a container range, how many addresses are free. Pure: the form computes it from
// the pools it read.
import { formatCidr, networkOf, parseIpv4 } from '@/lib/ipam/ipv4';
import type { IpamPoolView, IpamRangeView } from './types';

export type SubnetPoolState =
  /** The subnet is not CIDR yet (the user is typing). */
  | { readonly state: 'invalid' }
  /** No pool: nothing configured for this subnet in etcd. */
  | { readonly state: 'no-pool'; readonly subnet: string }
  /** A pool with host ranges only: containers would get no address. */
  | { readonly state: 'no-container-range'; readonly subnet: string; readonly pool: IpamPoolView }
  | { readonly state: 'full'; readonly subnet: string; readonly pool: IpamPoolView }
  | { readonly state: 'ready'; readonly subnet: string; readonly pool: IpamPoolView };

/** "10.199.0.7/24" → "10.199.0.0/24"; undefined for anything that is not A.B.C.D/len (len 8–30). */
export function normalizeSubnet(text: string): string | undefined {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  const address = match ? parseIpv4(match[1] ?? '') : undefined;
  const length = Number(match?.[2]);
  if (address === undefined || length < 8 || length > 30) return undefined;
  return formatCidr({ network: networkOf(address, length), prefixLength: length });
}

export function subnetPoolState(pools: readonly IpamPoolView[], subnetText: string): SubnetPoolState {
  const subnet = normalizeSubnet(subnetText);
  if (subnet === undefined) return { state: 'invalid' };
  const pool = pools.find((candidate) => candidate.subnet === subnet);
  if (!pool) return { state: 'no-pool', subnet };
  if (pool.containerRanges.length === 0) return { state: 'no-container-range', subnet, pool };
  return { state: pool.free === 0 ? 'full' : 'ready', subnet, pool };
}

const rangesText = (ranges: readonly IpamRangeView[]) => ranges.map((range) => `${range.start}–${range.end}`).join(', ');

/** One sentence for the form: what the pool holds, or what is missing. */
export function describePoolState(state: SubnetPoolState): string {
  switch (state.state) {
    case 'invalid':
      return 'Type the subnet (e.g. 10.199.0.0/24) to see its pool.';
    case 'no-pool':
      return `No pool for ${state.subnet} in etcd yet: containers on this network would get no address until a container range is added.`;
    case 'no-container-range':
      return `The pool ${state.subnet} has host addresses (${rangesText(state.pool.hostRanges)}) but no container range: containers would get no address.`;
    case 'full':
      return `The pool ${state.subnet} is full: ${state.pool.used} of ${state.pool.size} container addresses used (${rangesText(state.pool.containerRanges)}).`;
    case 'ready':
      return `The pool ${state.subnet}: ${state.pool.free} of ${state.pool.size} container addresses free (${rangesText(state.pool.containerRanges)}).`;
  }
}
