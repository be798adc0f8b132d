// The console's own shapes for the IPAM sidecar's pools and allocations: pages, routes and the
// live feed see these, never etcd keys or the sidecar's records (lib/ipam/records.ts).

export interface IpamRangeView {
  readonly start: string;
  readonly end: string;
  readonly size: number;
}

export interface IpamHostAddressView {
  readonly address: string;
  readonly host: string;
  /** The host runs a plugin whose liveness key has not expired. */
  readonly live: boolean;
}

export interface IpamPoolView {
  readonly poolId: string;
  readonly subnet: string;
  /** The flat network's router (the seed's DefaultGatewayIPv4), set by host-range. */
  readonly router: string | null;
  readonly containerRanges: readonly IpamRangeView[];
  readonly hostRanges: readonly IpamRangeView[];
  /** Container addresses: how many the ranges hold, are taken, are left. */
  readonly size: number;
  readonly used: number;
  readonly free: number;
  readonly hostAddresses: readonly IpamHostAddressView[];
}

/**
 * in-use: a running container on a known engine has its MAC. leaked: its host's engine is known
 * and runs no container with its MAC (after a grace period: a starting container is not listed
 * yet). host-gone: its host has no live plugin. unknown: its host's engine is not one the console
 * sees (or it is too young to judge). reserved: a gateway or aux reservation. parked: kept for its
 * stopped container, which gets it back at its next start (lib/ipam/sticky.ts).
 */
export type AllocationStatus = 'in-use' | 'leaked' | 'host-gone' | 'unknown' | 'reserved' | 'parked';

/** The swarm service task holding an address: its service, slot (null: a global service's) and node's host name. */
export interface IpamTaskView {
  readonly service: string;
  readonly slot: number | null;
  readonly node: string | null;
}

export interface IpamAllocationView {
  readonly poolId: string;
  readonly address: string;
  readonly kind: 'container' | 'gateway' | 'aux';
  /** The host that allocated it; for reservations, the first holder. */
  readonly host: string;
  readonly holders: readonly string[];
  readonly mac: string | null;
  readonly since: string;
  readonly container: string | null;
  /** The holder is a swarm service's task container. */
  readonly task?: IpamTaskView;
  readonly status: AllocationStatus;
}

/** One etcd revision of the live feed: what changed in the pools, in order. */
export type IpamChange =
  | { readonly type: 'allocated'; readonly allocation: IpamAllocationView }
  | { readonly type: 'released'; readonly poolId: string; readonly address: string }
  | { readonly type: 'pool-changed'; readonly poolId: string };

export interface IpamRevisionEvent {
  readonly revision: string;
  readonly changes: readonly IpamChange[];
}
