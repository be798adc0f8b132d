// The address map of a pool: every address of the subnet as one cell, coloured by what holds it.
// Pure: the IP allocations page draws it from the pools and allocations it already keeps live.
import { broadcastOf, formatIpv4, parseCidr, parseIpv4 } from '@/lib/ipam/ipv4';
import { describeTask } from '@/lib/swarm/task-labels';
import type { IpamAllocationView, IpamPoolView, IpamRangeView } from './types';

export type CellState = 'free' | 'container' | 'task' | 'host' | 'gateway' | 'reserved' | 'leaked' | 'outside';

/** Legend order and words; `outside` is an address no range hands out. */
export const CELL_STATES: readonly { state: CellState; label: string }[] = [
  { state: 'free', label: 'free (container range)' },
  { state: 'container', label: 'container' },
  { state: 'task', label: 'service task' },
  { state: 'host', label: 'host' },
  { state: 'gateway', label: 'gateway / router' },
  { state: 'reserved', label: 'reserved / aux' },
  { state: 'leaked', label: 'leaked or host gone' },
  { state: 'outside', label: 'not in a range' },
];

export interface GridCell {
  readonly address: string;
  readonly state: CellState;
  /** Who holds it, in words (what hover, focus or a click shows). */
  readonly holder: string;
}

export interface AddressGrid {
  readonly subnet: string;
  readonly columns: number;
  readonly cells: readonly GridCell[];
  /** Cells left out of a subnet larger than the map's limit. */
  readonly omitted: number;
  readonly counts: Readonly<Record<CellState, number>>;
}

/** Big subnets are drawn up to this many addresses (a /22); the table lists the rest. */
export const GRID_LIMIT = 1024;

const inRanges = (ranges: readonly IpamRangeView[], value: number) =>
  ranges.some((range) => value >= (parseIpv4(range.start) ?? Infinity) && value <= (parseIpv4(range.end) ?? -Infinity));

function allocationCell(allocation: IpamAllocationView): Omit<GridCell, 'address'> {
  if (allocation.kind === 'gateway') return { state: 'gateway', holder: `gateway reserved by ${allocation.holders.join(', ')}` };
  if (allocation.kind === 'aux') return { state: 'reserved', holder: `aux address reserved by ${allocation.holders.join(', ')}` };
  if (allocation.status === 'leaked') return { state: 'leaked', holder: `leaked: allocated on ${allocation.host}, no running container has MAC ${allocation.mac ?? '—'}` };
  if (allocation.status === 'host-gone') return { state: 'leaked', holder: `host gone: ${allocation.host} has no live plugin (MAC ${allocation.mac ?? '—'})` };
  if (allocation.task) return { state: 'task', holder: `service task ${describeTask(allocation.task, allocation.task.node)} (${allocation.container ?? 'container'})` };
  if (allocation.container) return { state: 'container', holder: `container ${allocation.container} on ${allocation.host}` };
  if (allocation.status === 'parked') return { state: 'container', holder: `kept for a stopped container on ${allocation.host} (MAC ${allocation.mac ?? '—'})` };
  return { state: 'container', holder: `container on ${allocation.host} (MAC ${allocation.mac ?? '—'}; not on an engine the console reads)` };
}

export function addressGrid(pool: IpamPoolView, allocations: readonly IpamAllocationView[], limit = GRID_LIMIT): AddressGrid {
  const cidr = parseCidr(pool.subnet);
  const first = cidr.network;
  const last = broadcastOf(cidr);
  const total = last - first + 1;
  const shown = Math.min(total, limit);
  const byAddress = new Map(allocations.filter((allocation) => allocation.poolId === pool.poolId).map((allocation) => [allocation.address, allocation]));
  const hosts = new Map(pool.hostAddresses.map((host) => [host.address, host]));
  const counts: Record<CellState, number> = { free: 0, container: 0, task: 0, host: 0, gateway: 0, reserved: 0, leaked: 0, outside: 0 };
  const cells: GridCell[] = [];
  for (let value = first; value < first + shown; value++) {
    const address = formatIpv4(value);
    const allocation = byAddress.get(address);
    const host = hosts.get(address);
    let cell: Omit<GridCell, 'address'>;
    if (value === first) cell = { state: 'reserved', holder: 'network address' };
    else if (value === last) cell = { state: 'reserved', holder: 'broadcast address' };
    else if (address === pool.router) cell = { state: 'gateway', holder: 'router (DefaultGatewayIPv4)' };
    else if (allocation) cell = allocationCell(allocation);
    else if (host) cell = { state: 'host', holder: `host ${host.host}${host.live ? '' : ' (no live plugin)'}` };
    else if (inRanges(pool.containerRanges, value)) cell = { state: 'free', holder: 'free' };
    else if (inRanges(pool.hostRanges, value)) cell = { state: 'outside', holder: 'host range, not taken' };
    else cell = { state: 'outside', holder: 'not in any range' };
    counts[cell.state] += 1;
    cells.push({ address, ...cell });
  }
  return { subnet: pool.subnet, columns: total <= 256 ? 16 : 32, cells, omitted: total - shown, counts };
}

/** "42 free, 10 container, 2 service task, …": the map as one sentence (its text alternative). */
export function describeGrid(grid: AddressGrid): string {
  const parts = CELL_STATES.filter(({ state }) => grid.counts[state] > 0).map(({ state, label }) => `${grid.counts[state]} ${label}`);
  return `${grid.subnet}: ${parts.join(', ')}${grid.omitted > 0 ? `; ${grid.omitted} more addresses not drawn` : ''}.`;
}

/** Container addresses per host in a pool (service tasks included), busiest first: the per-host bars. */
export function usageByHost(pool: IpamPoolView, allocations: readonly IpamAllocationView[]): { host: string; used: number }[] {
  const counts = new Map<string, number>();
  for (const allocation of allocations) {
    if (allocation.poolId !== pool.poolId || allocation.kind !== 'container') continue;
    counts.set(allocation.host, (counts.get(allocation.host) ?? 0) + 1);
  }
  return [...counts].map(([host, used]) => ({ host, used })).sort((a, b) => b.used - a.used || a.host.localeCompare(b.host, undefined, { numeric: true }));
}
