// Block affinity (Calico-style) against the real etcd: hosts racing for blocks never both own one,
// and a pool whose blocks are all claimed by one host still fills completely through borrowing,
// with no duplicate, across three hosts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Allocator } from '@/lib/ipam/allocator';
import { claimBlock, readBlocks } from '@/lib/ipam/block-claims';
import { blockPrefixOf, blocksOfRanges } from '@/lib/ipam/blocks';
import type { PoolState } from '@/lib/ipam/pool-state';
import { parseRangeFlags } from '@/lib/ipam/ranges';
import type { Store } from '@/lib/ipam/store';
import { addContainerRange, readSubnetConfig } from '@/lib/ipam/subnet-config';
import { testPrefix, testStore, uniqueId } from './support/fixtures';
import { randomMac } from './support/plugin-client';
import { indexMismatches, readPool } from './support/pool-check';

async function freshState(store: Store, poolId: string): Promise<PoolState> {
  const config = await readSubnetConfig(store, poolId);
  if (!config) throw new Error('pool not configured');
  return { config, used: new Set(), inflight: new Set(), blockPrefix: blockPrefixOf(config.subnet), mine: [], claimed: new Set(), hint: 0 };
}

/** Claims blocks until none is left for this host; returns the blocks it believes it owns. */
async function claimAll(store: Store, state: PoolState, host: string): Promise<number[]> {
  while (await claimBlock(store, state, host));
  return state.mine;
}

describe('block affinity', () => {
  const prefix = testPrefix();
  const run = uniqueId();
  const stores: Store[] = [];
  const newStore = () => {
    const store = testStore(prefix);
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    const store = newStore();
    await addContainerRange(store, parseRangeFlags('10.199.248.1/24', '10.199.248.254/24'));
    await addContainerRange(store, parseRangeFlags('10.199.247.1/24', '10.199.247.254/24'));
    await addContainerRange(store, parseRangeFlags('10.199.246.1/24', '10.199.246.254/24'));
  });

  afterAll(async () => {
    await stores[0]?.deleteAll();
    for (const store of stores) store.close();
  });

  it('never lets two racing hosts own the same block', async () => {
    const poolId = '10.199.248.0-24';
    const hosts = [0, 1, 2].map((index) => `blocks-${run}-h${index}`);
    const states = await Promise.all(hosts.map(() => freshState(newStore(), poolId)));
    const owned = await Promise.all(hosts.map((host, index) => claimAll(stores[index + 1] as Store, states[index] as PoolState, host)));

    const all = owned.flat();
    const expected = blocksOfRanges(states[0]?.config.containerRanges ?? [], states[0]?.blockPrefix ?? 0);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort((a, b) => a - b)).toEqual(expected);
    // What each host believes matches etcd.
    for (const [index, host] of hosts.entries()) {
      const view = await readBlocks(stores[0] as Store, poolId, states[0]?.blockPrefix ?? 0, host);
      expect(view.mine).toEqual([...(owned[index] ?? [])].sort((a, b) => a - b));
    }
  });

  it('fills a pool completely through borrowing when one host holds every block, with no duplicate', async () => {
    const poolId = '10.199.247.0-24';
    const hosts = [0, 1, 2].map((index) => `fill-${run}-h${index}`);
    // Host 0 claims every block before anyone allocates: hosts 1 and 2 can only borrow.
    const hoarder = await freshState(newStore(), poolId);
    await claimAll(stores[stores.length - 1] as Store, hoarder, hosts[0] ?? '');
    const allocators = hosts.map((host) => new Allocator(newStore(), host));

    const given = new Map<string, string>();
    const failures: string[] = [];
    let turn = 0;
    const caller = async () => {
      for (;;) {
        const allocator = allocators[turn++ % 3] as Allocator;
        const mac = randomMac();
        try {
          given.set(mac, await allocator.requestAddress({ poolId, mac, kind: 'container' }));
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: 24 }, caller));

    const addresses = [...given.values()];
    expect(addresses.length).toBe(254);
    expect(new Set(addresses).size).toBe(254);
    for (const message of failures) expect(message).toMatch(/^pool exhausted/);
    const contents = await readPool(stores[0] as Store, poolId);
    expect(contents.containers.size).toBe(254);
    expect(indexMismatches(contents)).toEqual([]);
    // Hosts 1 and 2 got their addresses by borrowing from host 0's blocks.
    const records = (await stores[0]?.list(`subnets/${poolId}/addrs/`)) ?? [];
    expect(records.filter((entry) => !entry.value.includes(`"host":"${hosts[0]}"`)).length).toBeGreaterThan(0);
  });

  it('never hands one address to two concurrent requests of the same instance', async () => {
    const poolId = '10.199.246.0-24';
    const store = newStore();
    const lost: string[] = [];
    const txn = store.txn.bind(store);
    // Count address transactions that lost: with local reservation, one instance alone loses none.
    store.txn = async (guards, writes, reads) => {
      const result = await txn(guards, writes, reads);
      const key = guards[0]?.key ?? '';
      if (!result.succeeded && key.includes('/addrs/')) lost.push(key);
      return result;
    };
    const allocator = new Allocator(store, `solo-${run}`);
    const addresses = await Promise.all(
      Array.from({ length: 200 }, () => allocator.requestAddress({ poolId, mac: randomMac(), kind: 'container' })),
    );
    expect(new Set(addresses).size).toBe(200);
    expect(lost).toEqual([]);
  });
});
