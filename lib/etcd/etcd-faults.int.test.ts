// etcd faults under a running console, on a private etcd: the console's one connection (as
// lib/server/services.ts opens it) must serve the IPAM views and the health probe again by
// itself after etcd restarts, and after the whole cluster is restored from a snapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth, HEALTH_PROBE_KEY } from '@/lib/health/check-health';
import { Allocator } from '@/lib/ipam/allocator';
import { ipamStoreWithin, type Store } from '@/lib/ipam/store';
import { addRange } from '@/lib/ipam-view/actions';
import { allocationContext } from '@/lib/ipam-view/allocations';
import { listPools } from '@/lib/ipam-view/pools';
import { ipamEventStream } from '@/lib/ipam-view/sse';
import { randomMac } from '@/tests/ipam/support/plugin-client';
import { SseReader } from '@/tests/support/sse-reader';
import { EtcdStore } from './store';
import { retryUntil } from '@/tests/support/eventually';
import { RestorableEtcd } from './testing/restorable-etcd';

const prefix = '/shipyard-test/faults/';


describe('the console across etcd faults', () => {
  const etcd = new RestorableEtcd();
  let root: EtcdStore;
  let ipam: Store;
  const health = () => checkHealth({ docker: async () => 1, database: async () => 1, etcd: () => root.get(HEALTH_PROBE_KEY) });
  const healthOk = async () => {
    const report = await health();
    if (report.status !== 'ok') throw new Error(JSON.stringify(report));
    return report;
  };

  beforeAll(async () => {
    await etcd.start();
    root = new EtcdStore({ endpoints: [etcd.endpoint], prefix: '', callTimeoutMs: 1_500 });
    ipam = ipamStoreWithin(root, prefix);
    await addRange(ipam, { kind: 'container', start: '10.197.1.10/24', end: '10.197.1.19/24' });
    await new Allocator(ipam, 'fault-host').requestAddress({ poolId: '10.197.1.0-24', kind: 'container', mac: randomMac() });
  });
  afterAll(async () => {
    root?.close();
    await etcd.destroy();
  });

  it('a restarted etcd: health goes degraded while it is down, then the views and health are back within 10 s', async () => {
    await etcd.kill();
    expect((await health()).status).toBe('degraded');
    await expect(listPools(ipam)).rejects.toThrow(/etcd/);
    await etcd.start();
    const { ms } = await retryUntil(healthOk, 15);
    expect(ms).toBeLessThan(10_000);
    const pools = await retryUntil(() => listPools(ipam), 15);
    expect(pools.value).toEqual([expect.objectContaining({ poolId: '10.197.1.0-24', used: 1, size: 10 })]);
  });

  it('a cluster restored from a snapshot: the views show the snapshot (not what came after) and health is ok, without reconnecting', async () => {
    const snapshot = await etcd.saveSnapshot();
    await addRange(ipam, { kind: 'container', start: '10.197.2.10/24', end: '10.197.2.19/24' });
    expect((await listPools(ipam)).map((pool) => pool.poolId)).toEqual(['10.197.1.0-24', '10.197.2.0-24']);

    await etcd.restore(snapshot);
    const { ms } = await retryUntil(healthOk, 15);
    expect(ms).toBeLessThan(10_000);
    const pools = await retryUntil(() => listPools(ipam), 15);
    expect(pools.value.map((pool) => pool.poolId)).toEqual(['10.197.1.0-24']);
    // And it writes again: the range added after the snapshot can be added anew.
    await addRange(ipam, { kind: 'container', start: '10.197.2.10/24', end: '10.197.2.19/24' });
    expect((await listPools(ipam)).map((pool) => pool.poolId)).toEqual(['10.197.1.0-24', '10.197.2.0-24']);
  });

  it("an open live feed is told to read everything again when the restore took etcd's history back", async () => {
    const allocator = new Allocator(ipam, 'fault-host');
    const snapshot = await etcd.saveSnapshot();
    for (let i = 0; i < 3; i++) await allocator.requestAddress({ poolId: '10.197.1.0-24', kind: 'container', mac: randomMac() });
    const context = () => allocationContext(ipam, () => Promise.reject(new Error('no engine in this test')));
    const feed = new SseReader(ipamEventStream({ store: ipam, after: await ipam.currentRevision(), context }));
    expect((await feed.next()).event).toBe('ready');

    await etcd.restore(snapshot);
    // The allocations made after the snapshot are gone; a new one reuses their revisions.
    await retryUntil(() => allocator.requestAddress({ poolId: '10.197.1.0-24', kind: 'container', mac: randomMac() }), 15);
    const next = await feed.next(15_000);
    expect(next.event).toBe('reset');
    expect(next.data).toMatch(/history went back from revision \d+ to \d+ \(restored from a snapshot\?\).*reload the page/);

    // A page that reconnects with the revision it last saw is told the same at once.
    const resumed = new SseReader(ipamEventStream({ store: ipam, after: String(BigInt(await ipam.currentRevision()) + 50n), context }));
    // (The feed says ready only once etcd watches, so the reset comes first.)
    expect((await resumed.next(5_000)).event).toBe('reset');
  });
});
