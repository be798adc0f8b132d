// What one plugin instance remembers about a pool between requests. It only steers the choice of
// a candidate address: every allocation is still decided by an etcd transaction, so a stale cache
// costs a retry, never a duplicate.
import type { SubnetConfig } from './subnet-config';

export interface PoolState {
  config: SubnetConfig;
  /** Addresses known to be taken (from the last full read plus this instance's own results). */
  used: Set<number>;
  /** Candidates this instance is trying right now, so concurrent requests pick different ones. */
  readonly inflight: Set<number>;
  /** Where the scan starts; set at random after a lost race to spread instances over the pool. */
  cursor?: number;
}

/** The first free container address at or after the cursor, wrapping around; undefined when full. */
export function pickCandidate(state: PoolState): number | undefined {
  const ranges = state.config.containerRanges;
  const free = (address: number) => !state.used.has(address) && !state.inflight.has(address);
  const start = state.cursor;
  if (start !== undefined) {
    for (const range of ranges) {
      for (let address = Math.max(start, range.start); address <= range.end; address++) if (free(address)) return address;
    }
  }
  for (const range of ranges) {
    for (let address = range.start; address <= range.end; address++) {
      if (start !== undefined && address >= start) break;
      if (free(address)) return address;
    }
  }
  return undefined;
}

/** A random address of the pool's ranges, used to move the cursor away from a contended spot. */
export function randomAddress(state: PoolState): number | undefined {
  const sizes = state.config.containerRanges.map((range) => range.end - range.start + 1);
  let index = Math.floor(Math.random() * sizes.reduce((a, b) => a + b, 0));
  for (const range of state.config.containerRanges) {
    const size = range.end - range.start + 1;
    if (index < size) return range.start + index;
    index -= size;
  }
  return undefined;
}
