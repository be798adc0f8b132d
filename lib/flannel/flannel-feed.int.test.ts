// The live Flannel feed against the real etcd, under a prefix of the test's own: a lease written
// after the feed began arrives, and one whose etcd lease expires disappears.
// etcd3 here plays flanneld, an outside writer; the code under test reads through the etcd boundary.
import { Etcd3 } from 'etcd3';
import { EtcdStore } from '@/lib/etcd/store';
import { afterAll, describe, expect, it } from 'vitest';
import { etcdEndpoints, uniqueId } from '@/tests/ipam/support/fixtures';
import { SseReader } from '@/tests/support/sse-reader';
import { flannelEventStream } from './flannel-feed';
import type { FlannelView } from './types';

const prefix = `/shipyard-test/flannel-feed-livefix-${uniqueId()}/coreos.com/network/`;
const leaseValue = (ip: string) => JSON.stringify({ PublicIP: ip, BackendType: 'vxlan', BackendData: { VNI: 1 } });

/** The next `flannel` view that passes `check` (a change may take more than one read to show). */
async function viewMatching(reader: SseReader, check: (view: FlannelView) => boolean, timeoutMs = 10_000): Promise<FlannelView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = await reader.next(Math.max(1, deadline - Date.now()));
    expect(message.event).toBe('flannel');
    const view = JSON.parse(message.data) as FlannelView;
    if (check(view)) return view;
  }
}

describe("Flannel's leases followed live in the real etcd", () => {
  const etcd = new Etcd3({ hosts: etcdEndpoints() });
  const store = new EtcdStore({ endpoints: etcdEndpoints(), prefix: '' });
  afterAll(async () => {
    await etcd.delete().prefix(prefix);
    etcd.close();
    store.close();
  });

  it('sends the view at once, a lease added later, and drops one when its etcd lease expires', async () => {
    const abort = new AbortController();
    const reader = new SseReader(flannelEventStream({ etcd: store, prefix, signal: abort.signal }));
    try {
      expect(await viewMatching(reader, () => true)).toEqual({ prefix, config: null, leases: [], problems: [] });

      await etcd.put(`${prefix}config`).value(JSON.stringify({ Network: '10.5.0.0/16', SubnetLen: 24, Backend: { Type: 'vxlan' } }));
      const lasting = etcd.lease(600, { autoKeepAlive: false });
      await lasting.put(`${prefix}subnets/10.5.1.0-24`).value(leaseValue('192.168.50.1'));
      const added = await viewMatching(reader, (view) => view.leases.length === 1 && view.config !== null);
      expect(added.leases[0]).toMatchObject({ subnet: '10.5.1.0/24', publicIp: '192.168.50.1' });
      expect(added.leases[0]?.expiresInSeconds).toBeGreaterThan(500);

      // A host that stops renewing: etcd drops the key with its lease, and the feed says so.
      const brief = etcd.lease(2, { autoKeepAlive: false });
      await brief.put(`${prefix}subnets/10.5.2.0-24`).value(leaseValue('192.168.50.2'));
      const both = await viewMatching(reader, (view) => view.leases.length === 2);
      expect(both.leases.map((lease) => lease.subnet)).toEqual(['10.5.1.0/24', '10.5.2.0/24']);
      const started = Date.now();
      const expired = await viewMatching(reader, (view) => view.leases.length === 1, 15_000);
      expect(expired.leases.map((lease) => lease.subnet)).toEqual(['10.5.1.0/24']);
      expect(Date.now() - started).toBeGreaterThan(500);
      expect(await etcd.get(`${prefix}subnets/10.5.2.0-24`).string()).toBeNull();
      await lasting.revoke();
      expect(await viewMatching(reader, (view) => view.leases.length === 0)).toMatchObject({ leases: [] });
    } finally {
      abort.abort();
    }
    // The abort ends the stream (and cancels the watch): nothing more arrives.
    await expect(reader.next(1_000)).rejects.toThrow('the event stream ended');
  });

  it('says in words when etcd does not answer, and ends', async () => {
    const dead = new EtcdStore({ endpoints: ['http://127.0.0.1:1'], prefix: '', callTimeoutMs: 1_000 });
    try {
      const reader = new SseReader(flannelEventStream({ etcd: dead, prefix }));
      const message = await reader.next(10_000);
      expect(message.event).toBe('flannel-error');
      expect(JSON.parse(message.data)).toMatchObject({ message: expect.stringContaining('etcd did not start the watch') });
      await expect(reader.next(1_000)).rejects.toThrow('the event stream ended');
    } finally {
      dead.close();
    }
  });
});
