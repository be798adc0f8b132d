// A container request without --ip: the next free address, preferring this host's blocks.
import { claimAddress, type ClaimOutcome } from './address-claim';
import { claimBlock, newestBlockRunningLow } from './block-claims';
import { blockOf, blockSizeOf } from './blocks';
import { MAX_CONFLICTS, REFRESH_AFTER_CONFLICTS } from './contention';
import { ContentionError, PoolExhaustedError } from './errors';
import { formatCidr } from './ipv4';
import { addressHeldByMac } from './mac-index';
import type { AllocationContext } from './pool-cache';
import { type PoolState, pickBorrowed, pickOwn, randomAddress } from './pool-state';
import { formatRange } from './ranges';

export async function allocateNext(context: AllocationContext, state: PoolState, mac: string | undefined, nonce: string): Promise<number> {
  let refreshed = false;
  for (let conflicts = 0; conflicts < MAX_CONFLICTS; ) {
    const candidate = await reserveCandidate(context, state);
    if (candidate === undefined) {
      if (refreshed) {
        // A retried request in a now full pool still gets the address it was given.
        const held = await addressHeldByMac(context.store, state.config.poolId, mac);
        if (held !== undefined) return held;
        throw exhausted(state);
      }
      await context.pools.refresh(state);
      refreshed = true;
      continue;
    }
    let outcome: ClaimOutcome;
    try {
      claimAhead(context, state, candidate);
      outcome = await claimAddress(context, state, candidate, mac, nonce);
    } finally {
      state.inflight.delete(candidate);
    }
    if (outcome.kind !== 'taken') {
      state.used.add(outcome.address);
      return outcome.address;
    }
    // Another host (a borrower, or the owner of a block we borrow from) won: look elsewhere.
    state.used.add(candidate);
    if (!state.mine.includes(blockOf(candidate, state.blockPrefix))) state.cursor = randomAddress(state);
    conflicts++;
    // Losing repeatedly means our view is stale (other hosts filled the pool): reread it.
    if (conflicts % REFRESH_AFTER_CONFLICTS === 0) await context.pools.refresh(state);
  }
  throw new ContentionError(
    `gave up after ${MAX_CONFLICTS} lost races for a free address in ${formatCidr(state.config.subnet)}: retry the command`,
  );
}

/**
 * A free address of this host's blocks; else of a newly claimed block; else borrowed from any
 * block. It is marked in flight in the same synchronous step that picks it (the caller releases
 * it): with an await in between, two requests of this instance could pick the same address.
 */
async function reserveCandidate(context: AllocationContext, state: PoolState): Promise<number | undefined> {
  const reserve = (address: number | undefined) => {
    if (address !== undefined) state.inflight.add(address);
    return address;
  };
  for (;;) {
    const own = reserve(pickOwn(state));
    if (own !== undefined) return own;
    if (await claimBlock(context.store, state, context.hostId)) continue;
    if (!state.borrowing) {
      // Every block is claimed: borrow from a fresh view of the pool, from a random spot so
      // that hosts borrowing at the same time do not all start at the same address.
      state.borrowing = true;
      state.cursor = randomAddress(state);
      await context.pools.refresh(state);
      continue;
    }
    return reserve(pickBorrowed(state));
  }
}

/** Claims the next block in the background when the newest one runs low, so requests rarely wait for a claim. */
function claimAhead(context: AllocationContext, state: PoolState, candidate: number): void {
  if (state.claiming) return;
  const lowWater = Math.max(blockSizeOf(state.blockPrefix) / 4, state.inflight.size);
  if (!newestBlockRunningLow(state, candidate, lowWater)) return;
  claimBlock(context.store, state, context.hostId).catch(() => undefined);
}

function exhausted(state: PoolState) {
  const ranges = state.config.containerRanges.map(formatRange).join(', ');
  return new PoolExhaustedError(
    `pool exhausted: every container address of ${formatCidr(state.config.subnet)} (${ranges}) is in use; ` +
      'stop unused containers, run `shipyard-ipam gc`, or add a range with `shipyard-ipam ip-range`',
  );
}
