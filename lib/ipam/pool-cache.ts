// This instance's view of each pool, loaded on first use and reread when it turns out stale. It
// only steers the choice of candidates: etcd transactions decide every allocation.
import type { ClaimBatcher } from './claim-batcher';
import { UnknownPoolError } from './errors';
import { keys } from './keys';
import { readBlocks } from './block-claims';
import { blockPrefixOf } from './blocks';
import { requireIpv4 } from './ipv4';
import type { PoolState } from './pool-state';
import type { Store } from './store';
import { type SubnetConfig, readSubnetConfig } from './subnet-config';

export class PoolCache {
  private readonly pools = new Map<string, Promise<PoolState>>();

  constructor(
    private readonly store: Store,
    private readonly hostId: string,
  ) {}

  get(poolId: string): Promise<PoolState> {
    let state = this.pools.get(poolId);
    if (!state) {
      state = this.load(poolId);
      this.pools.set(poolId, state);
      // A failed load (etcd down) must not be cached: the next request tries again.
      state.catch(() => this.pools.delete(poolId));
    }
    return state;
  }

  /** Forgets the whole pool (its last reference on this host is gone). */
  drop(poolId: string): void {
    this.pools.delete(poolId);
  }

  /** Marks an address free in the cached view, if the pool is cached. */
  async forget(poolId: string, address: number): Promise<void> {
    const state = this.pools.get(poolId);
    if (state) (await state.catch(() => undefined))?.used.delete(address);
  }

  /** Rereads the pool; requests that need it at the same time share one reread. */
  refresh(state: PoolState): Promise<void> {
    state.refreshing ??= this.reread(state).finally(() => {
      state.refreshing = undefined;
    });
    return state.refreshing;
  }

  private async load(poolId: string): Promise<PoolState> {
    const [config, used] = await Promise.all([this.requireConfig(poolId), this.readUsed(poolId)]);
    const blockPrefix = blockPrefixOf(config.subnet);
    const { mine, claimed } = await readBlocks(this.store, poolId, blockPrefix, this.hostId);
    return { config, used, inflight: new Set(), blockPrefix, mine, claimed, hint: 0 };
  }

  /** The pool's ranges, used addresses and block affinities (one round trip, three reads). */
  private async reread(state: PoolState): Promise<void> {
    const poolId = state.config.poolId;
    const [config, used, blocks] = await Promise.all([
      this.requireConfig(poolId),
      this.readUsed(poolId),
      readBlocks(this.store, poolId, state.blockPrefix, this.hostId),
    ]);
    state.config = config;
    state.used = used;
    state.claimed = blocks.claimed;
    for (const block of blocks.mine) if (!state.mine.includes(block)) state.mine.push(block);
  }

  private async requireConfig(poolId: string): Promise<SubnetConfig> {
    const config = await readSubnetConfig(this.store, poolId);
    if (!config) {
      throw new UnknownPoolError(
        `pool ${poolId} is not configured in etcd (${this.store.prefix}): configure it with \`shipyard-ipam ip-range\`, ` +
          'then remove and recreate the docker network',
      );
    }
    return config;
  }

  private async readUsed(poolId: string): Promise<Set<number>> {
    const prefix = keys.addresses(poolId);
    const found = await this.store.listKeys(prefix);
    return new Set(found.map((key) => requireIpv4(key.slice(prefix.length), 'stored address')));
  }
}

/** What each allocation step works with: the store, this host, its view of the pools, and its claims' group commit. */
export interface AllocationContext {
  readonly store: Store;
  readonly hostId: string;
  readonly pools: PoolCache;
  readonly claims: ClaimBatcher;
}
