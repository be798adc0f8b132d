// Group commit against the real etcd: concurrent claims of one instance share etcd transactions,
// yet never give an address twice, a batch with one conflicting address still allocates the rest,
// and etcd going away mid-batch gives every waiter the clear "etcd unavailable" error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Allocator } from '@/lib/ipam/allocator';
import { ClaimBatcher } from '@/lib/ipam/claim-batcher';
import { StoreUnavailableError } from '@/lib/ipam/errors';
import { formatIpv4, parseIpv4 } from '@/lib/ipam/ipv4';
import { keys } from '@/lib/ipam/keys';
import { parseRangeFlags } from '@/lib/ipam/ranges';
import { Store } from '@/lib/ipam/store';
import { addContainerRange } from '@/lib/ipam/subnet-config';
import { testPrefix, testStore, uniqueId } from './support/fixtures';
import { randomMac } from './support/plugin-client';
import { indexMismatches, readPool } from './support/pool-check';
import { PrivateEtcd } from './support/private-etcd';

const POOL = '10.199.230.0-23';

describe('group commit of address claims', () => {
  const prefix = testPrefix();
  const run = uniqueId();
  const stores: Store[] = [];
  const newStore = () => {
    const store = testStore(prefix);
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    await addContainerRange(newStore(), parseRangeFlags('10.199.230.1/23', '10.199.231.254/23'));
  });

  afterAll(async () => {
    await stores[0]?.deleteAll();
    for (const store of stores) store.close();
  });

  it('gives 300 concurrent requests of one instance 300 distinct addresses in fewer transactions', async () => {
    const allocator = new Allocator(newStore(), `gc-${run}-h1`);
    const macs = Array.from({ length: 300 }, () => randomMac());
    const given = await Promise.all(macs.map((mac) => allocator.requestAddress({ poolId: POOL, mac, kind: 'container' })));

    expect(new Set(given).size).toBe(300);
    const pool = await readPool(newStore(), POOL);
    expect(indexMismatches(pool)).toEqual([]);
    macs.forEach((mac, index) => expect(`${pool.macs.get(mac)}/23`).toBe(given[index]));
    // Batched: far fewer etcd transactions than claims.
    expect(allocator.claimStats.claims).toBeGreaterThanOrEqual(300);
    expect(allocator.claimStats.transactions).toBeLessThan(allocator.claimStats.claims);
    expect(allocator.claimStats.largestBatch).toBeGreaterThan(1);
  });

  it('keeps a retried MAC idempotent when both requests meet in one batch', async () => {
    const allocator = new Allocator(newStore(), `gc-${run}-h2`);
    const mac = randomMac();
    const twice = await Promise.all([0, 1, 2].map(() => allocator.requestAddress({ poolId: POOL, mac, kind: 'container' })));
    expect(new Set(twice).size).toBe(1);
  });

  it('commits the other claims of a batch when one address is already taken', async () => {
    const store = newStore();
    const batcher = new ClaimBatcher(store);
    const first = parseIpv4('10.199.231.200') ?? 0;
    const addresses = Array.from({ length: 6 }, (_, index) => formatIpv4(first + index));
    const taken = addresses[3] ?? '';
    await store.put(keys.address(POOL, first + 3), JSON.stringify({ kind: 'container', host: 'someone-else', at: new Date().toISOString(), nonce: 'x' }));

    const record = (address: string) => JSON.stringify({ kind: 'container', host: 'batch-test', at: new Date().toISOString(), nonce: address });
    const results = await Promise.all(
      addresses.map((address, index) => {
        const key = keys.address(POOL, first + index);
        return batcher.run({ guards: [{ key, absent: true }], writes: [{ put: key, value: record(address) }], readOnFailure: [key] });
      }),
    );

    expect(results.map((result) => result.succeeded)).toEqual([true, true, true, false, true, true]);
    expect(results[3]?.reads[0]?.value).toContain('someone-else');
    expect(batcher.stats.largestBatch).toBeGreaterThan(1);
    for (const [index, address] of addresses.entries()) {
      const entry = await store.get(keys.address(POOL, first + index));
      expect(entry?.value).toContain(address === taken ? 'someone-else' : `"nonce":"${address}"`);
    }
  });

  it('retries only the losers when addresses its view thought free were taken behind its back', async () => {
    const allocator = new Allocator(newStore(), `gc-${run}-h3`);
    // The first request loads the pool view and claims a block, whose addresses go lowest first.
    const mine = parseIpv4((await allocator.requestAddress({ poolId: POOL, mac: randomMac(), kind: 'container' })).split('/')[0] ?? '') ?? 0;
    // Another writer takes the next addresses of this host's block without the allocator knowing.
    const intruder = newStore();
    for (const offset of [1, 3]) {
      await intruder.put(keys.address(POOL, mine + offset), JSON.stringify({ kind: 'container', host: 'intruder', at: new Date().toISOString(), nonce: 'i' }));
    }
    const before = allocator.claimStats.claims;

    const given = await Promise.all(Array.from({ length: 8 }, () => allocator.requestAddress({ poolId: POOL, mac: randomMac(), kind: 'container' })));

    expect(new Set(given).size).toBe(8);
    expect(given).not.toContain(`${formatIpv4(mine + 1)}/23`);
    expect(given).not.toContain(`${formatIpv4(mine + 3)}/23`);
    // The two losers went round again; the six winners of the first batch did not.
    expect(allocator.claimStats.claims - before).toBe(10);
    expect(indexMismatches(await readPool(newStore(), POOL))).toEqual([]);
  });
});

describe('group commit when etcd stops answering mid-batch', () => {
  const etcd = new PrivateEtcd();
  let store: Store | undefined;

  beforeAll(async () => {
    await etcd.start();
  }, 40_000);

  afterAll(async () => {
    store?.close();
    await etcd.destroy();
  });

  it('fails every waiter with the etcd-unavailable error, then serves again', async () => {
    store = new Store({ endpoints: [etcd.endpoint], prefix: testPrefix(), callTimeoutMs: 1_000 });
    await addContainerRange(store, parseRangeFlags('10.199.230.1/23', '10.199.231.254/23'));
    const allocator = new Allocator(store, 'gc-outage');
    await allocator.requestAddress({ poolId: POOL, mac: randomMac(), kind: 'container' });

    const pending = Array.from({ length: 20 }, () =>
      allocator.requestAddress({ poolId: POOL, mac: randomMac(), kind: 'container' }).then(
        () => 'allocated',
        (error: unknown) => error,
      ),
    );
    etcd.pause();
    const outcomes = await Promise.all(pending);
    etcd.resume();

    expect(allocator.claimStats.largestBatch).toBeGreaterThan(1);
    for (const outcome of outcomes) {
      expect(outcome).toBeInstanceOf(StoreUnavailableError);
      expect(outcome instanceof Error ? outcome.message : '').toMatch(/did not complete .*check that etcd is running/);
    }
    await expect(allocator.requestAddress({ poolId: POOL, mac: randomMac(), kind: 'container' })).resolves.toMatch(/^10\.199\.23[01]\.\d+\/23$/);
  }, 30_000);
});
