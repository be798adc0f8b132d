// The key layout under the store's prefix (default /shipyard/ipam/), documented in docs/ipam.md.
// Every key of one subnet lives under subnets/<poolId>/ so a pool can be listed in one range read.
import { type Cidr, formatIpv4 } from './ipv4';

export const DEFAULT_PREFIX = '/shipyard/ipam/';

/** The PoolID Docker sees: stable for a subnet, so identical RequestPool calls get the same id. */
export function poolIdOf(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}-${cidr.prefixLength}`;
}

export const keys = {
  subnets: 'subnets/',
  /** Ranges of the subnet: container ranges (ip-range), host ranges and router (host-range). */
  config: (poolId: string) => `subnets/${poolId}/config`,
  /** One key per address in use: container allocations, gateway and aux reservations. */
  addresses: (poolId: string) => `subnets/${poolId}/addrs/`,
  address: (poolId: string, ip: number) => `subnets/${poolId}/addrs/${formatIpv4(ip)}`,
  /** MAC → address of a container allocation, written in the same transaction as the address. */
  mac: (poolId: string, mac: string) => `subnets/${poolId}/macs/${mac}`,
  /** "false" when the network was created with --ipam-opt sticky=false (sticky.ts). */
  sticky: (poolId: string) => `subnets/${poolId}/sticky`,
  /** Block affinities: which host allocates in which block first (see blocks.ts). */
  blocks: (poolId: string) => `subnets/${poolId}/blocks/`,
  block: (poolId: string, name: string) => `subnets/${poolId}/blocks/${name}`,
  /** How many RequestPool calls each host holds on the pool. */
  refs: (poolId: string) => `subnets/${poolId}/refs/`,
  ref: (poolId: string, host: string) => `subnets/${poolId}/refs/${host}`,
  /** Host addresses handed out from the host ranges (create-network --ip). */
  hostAddresses: (poolId: string) => `subnets/${poolId}/hosts/`,
  hostAddress: (poolId: string, ip: number) => `subnets/${poolId}/hosts/${formatIpv4(ip)}`,
  /** One key per running plugin instance, bound to its liveness lease. */
  liveHosts: 'live/',
  liveHost: (host: string) => `live/${host}`,
} as const;

/** Splits "subnets/<poolId>/config" into the pool id; undefined for any other key. */
export function poolIdOfConfigKey(key: string): string | undefined {
  const match = /^subnets\/([^/]+)\/config$/.exec(key);
  return match?.[1];
}

/** Splits "subnets/<poolId>/addrs/<ip>" into pool id and address; undefined for any other key. */
export function addressOfKey(key: string): { poolId: string; address: string } | undefined {
  const match = /^subnets\/([^/]+)\/addrs\/([^/]+)$/.exec(key);
  return match?.[1] && match[2] ? { poolId: match[1], address: match[2] } : undefined;
}
