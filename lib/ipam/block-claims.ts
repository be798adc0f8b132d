// Block affinities in etcd. A host claims a block with a create-if-absent transaction, so two
// hosts racing for one block can never both own it. Affinity only steers where a host looks
// first: each address is still taken by its own transaction, so a lost or stale affinity costs a
// retry, never a duplicate.
import { blockName, blockOf, blockSizeOf, parseBlockName } from './blocks';
import { keys } from './keys';
import { type PoolState, unclaimedBlocks } from './pool-state';
import { blockRecord, decode, encode } from './records';
import type { Store } from './store';

/** Lost block races tolerated per claim before falling back to borrowing. */
const MAX_CLAIM_ATTEMPTS = 8;

export interface BlockView {
  readonly mine: number[];
  readonly claimed: Set<number>;
}

/** Reads the pool's block affinities: all claimed blocks, and which of them are this host's. */
export async function readBlocks(store: Store, poolId: string, prefix: number, hostId: string): Promise<BlockView> {
  const base = keys.blocks(poolId);
  const mine: number[] = [];
  const claimed = new Set<number>();
  for (const entry of await store.list(base)) {
    const block = parseBlockName(entry.key.slice(base.length), prefix);
    if (block === undefined) continue;
    claimed.add(block);
    if (decode(blockRecord, entry).host === hostId) mine.push(block);
  }
  return { mine: mine.sort((a, b) => a - b), claimed };
}

/**
 * Claims one more block for this host; concurrent callers share one claim. Resolves false when
 * no unclaimed block with a free address is left (the caller then borrows).
 */
export function claimBlock(store: Store, state: PoolState, hostId: string): Promise<boolean> {
  state.claiming ??= tryClaim(store, state, hostId).finally(() => {
    state.claiming = undefined;
  });
  return state.claiming;
}

async function tryClaim(store: Store, state: PoolState, hostId: string): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
    const candidates = unclaimedBlocks(state);
    // The lowest block first, so one host hands out the pool's addresses in order; after a lost
    // race a random one, so hosts starting together stop racing for the same block.
    const block = attempt === 0 ? candidates[0] : candidates[Math.floor(Math.random() * candidates.length)];
    if (block === undefined) return false;
    const key = keys.block(state.config.poolId, blockName(block, state.blockPrefix));
    const record = encode({ host: hostId, at: new Date().toISOString() });
    const result = await store.txn([{ key, absent: true }], [{ put: key, value: record }], [key]);
    state.claimed.add(block);
    const owner = result.succeeded ? hostId : result.reads[0] && decode(blockRecord, result.reads[0]).host;
    if (owner === hostId) {
      if (!state.mine.includes(block)) state.mine.push(block);
      return true;
    }
  }
  return false;
}

/**
 * Whether `candidate` is among the last `lowWater` addresses of this host's newest block: a host
 * fills its blocks upwards, so that is when to claim the next one. No scan: it runs on every request.
 */
export function newestBlockRunningLow(state: PoolState, candidate: number, lowWater: number): boolean {
  const newest = state.mine[state.mine.length - 1];
  return newest !== undefined && blockOf(candidate, state.blockPrefix) === newest && candidate >= newest + blockSizeOf(state.blockPrefix) - lowWater;
}

/** Drops this host's affinities on a pool (its last ReleasePool); a changed record is left alone. */
export async function releaseBlocks(store: Store, poolId: string, hostId: string): Promise<void> {
  for (const entry of await store.list(keys.blocks(poolId))) {
    if (decode(blockRecord, entry).host !== hostId) continue;
    await store.txn([{ key: entry.key, modRevision: entry.modRevision }], [{ delete: entry.key }]);
  }
}
