// What one plugin instance remembers about a pool between requests. It only steers the choice of
// a candidate address: every allocation is still decided by an etcd transaction, so a stale cache
// costs a retry, never a duplicate.
import { blockSizeOf, blocksOfRanges } from './blocks';
import type { SubnetConfig } from './subnet-config';

export interface PoolState {
  config: SubnetConfig;
  /** Addresses known to be taken (from the last full read plus this instance's own results). */
  used: Set<number>;
  /** Candidates this instance is trying right now, so concurrent requests never get the same one. */
  readonly inflight: Set<number>;
  readonly blockPrefix: number;
  /** Blocks (first addresses) this host has the affinity of, in claim order. */
  mine: number[];
  /** Blocks known to be claimed by some host, this one included. */
  claimed: Set<number>;
  /** The block claim under way, shared by the requests waiting for it. */
  claiming?: Promise<boolean>;
  /** The reread of the pool under way, shared by the requests waiting for it. */
  refreshing?: Promise<void>;
  /** Set once every block was found claimed: from then on this host borrows. */
  borrowing?: boolean;
  /** Index into `mine` where the last candidate was found: the scan starts there. */
  hint: number;
  /** Where a borrowing scan (downwards) starts; moved at random after a lost race. */
  cursor?: number;
}

function isFree(state: PoolState, address: number): boolean {
  return !state.used.has(address) && !state.inflight.has(address);
}

/** The first free container address of a block, lowest first (plain loops: this runs on every request). */
export function firstFreeInBlock(state: PoolState, block: number): number | undefined {
  const last = block + blockSizeOf(state.blockPrefix) - 1;
  for (const range of state.config.containerRanges) {
    const to = Math.min(last, range.end);
    for (let address = Math.max(block, range.start); address <= to; address++) if (isFree(state, address)) return address;
  }
  return undefined;
}

/** The first free address of this host's blocks, starting at the block of the last hit. */
export function pickOwn(state: PoolState): number | undefined {
  const count = state.mine.length;
  for (let step = 0; step < count; step++) {
    const index = (state.hint + step) % count;
    const block = state.mine[index];
    const address = block === undefined ? undefined : firstFreeInBlock(state, block);
    if (address !== undefined) {
      state.hint = index;
      return address;
    }
  }
  return undefined;
}

/** Blocks no host has claimed (as far as this instance knows) that still have a free address. */
export function unclaimedBlocks(state: PoolState): number[] {
  return blocksOfRanges(state.config.containerRanges, state.blockPrefix).filter(
    (block) => !state.claimed.has(block) && firstFreeInBlock(state, block) !== undefined,
  );
}

/**
 * Borrowing, once every block is claimed: any free address, scanning down from the top of the
 * pool (block owners fill their blocks upwards, so the top is where they arrive last).
 */
export function pickBorrowed(state: PoolState): number | undefined {
  const ranges = [...state.config.containerRanges].sort((a, b) => b.end - a.end);
  const start = state.cursor ?? Number.POSITIVE_INFINITY;
  const scan = (accept: (address: number) => boolean): number | undefined => {
    for (const range of ranges) {
      for (let address = range.end; address >= range.start; address--) if (accept(address) && isFree(state, address)) return address;
    }
    return undefined;
  };
  return scan((address) => address <= start) ?? scan((address) => address > start);
}

/** A random address of the pool's ranges, used to move the borrowing scan away from a contended spot. */
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
