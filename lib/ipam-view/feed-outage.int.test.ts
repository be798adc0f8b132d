// The live feed across an etcd restart (a private etcd: the shared one is never touched): the
// open stream catches up by itself, delivering the change made after the restart, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Allocator } from '@/lib/ipam/allocator';
import { Store } from '@/lib/ipam/store';
import { PrivateEtcd } from '@/tests/ipam/support/private-etcd';
import { randomMac } from '@/tests/ipam/support/plugin-client';
import { SseReader } from '@/tests/support/sse-reader';
import { addRange } from './actions';
import { allocationContext } from './allocations';
import { ipamEventStream } from './sse';
import type { IpamRevisionEvent } from './types';

const poolId = '10.196.98.0-24';

async function allocateWhenBack(allocator: Allocator): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await allocator.requestAddress({ poolId, kind: 'container', mac: randomMac() })).split('/')[0] ?? '';
    } catch (error) {
      if (attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe('the live feed when etcd restarts', () => {
  const etcd = new PrivateEtcd();
  let store: Store;

  beforeAll(async () => {
    await etcd.start();
    store = new Store({ endpoints: [etcd.endpoint], prefix: '/shipyard-test/feed-outage/' });
    await addRange(store, { kind: 'container', start: '10.196.98.10/24', end: '10.196.98.99/24' });
  });

  afterAll(async () => {
    store?.close();
    await etcd.destroy();
  });

  it('catches up after the restart without a reconnect by the client', async () => {
    const allocator = new Allocator(store, 'outage-host');
    await allocator.requestPool({ pool: '10.196.98.0/24' });
    const context = () => allocationContext(store, () => Promise.reject(new Error('no engine in this test')));
    const feed = new SseReader(ipamEventStream({ store, after: await store.currentRevision(), context }));
    expect((await feed.next()).event).toBe('ready');

    const before = await allocateWhenBack(allocator);
    const first = JSON.parse((await feed.next()).data) as IpamRevisionEvent;
    expect(first.changes).toEqual([{ type: 'allocated', allocation: expect.objectContaining({ address: before }) }]);

    await etcd.kill();
    await etcd.start();
    const after = await allocateWhenBack(allocator);
    const next = await feed.next(30_000);
    expect(next.event).toBe('ipam');
    const event = JSON.parse(next.data) as IpamRevisionEvent;
    expect(BigInt(event.revision)).toBeGreaterThan(BigInt(first.revision));
    expect(event.changes).toEqual([{ type: 'allocated', allocation: expect.objectContaining({ address: after }) }]);
    await feed.cancel();
  });
});
