// Flannel's keys written into the real etcd the way flanneld v2 writes them (etcd v3 API, each
// lease key bound to an etcd lease), under a prefix of the test's own, and read back.
// etcd3 here plays flanneld, an outside writer; the code under test reads through the etcd boundary.
import { Etcd3 } from 'etcd3';
import { EtcdStore } from '@/lib/etcd/store';
import { afterAll, describe, expect, it } from 'vitest';
import { etcdEndpoints, uniqueId } from '@/tests/ipam/support/fixtures';
import { readFlannel } from './read-flannel';

const prefix = `/shipyard-test/flannel-${uniqueId()}/coreos.com/network/`;

describe("Flannel's leases in the real etcd", () => {
  const etcd = new Etcd3({ hosts: etcdEndpoints() });
  const store = new EtcdStore({ endpoints: etcdEndpoints(), prefix: '' });
  afterAll(async () => {
    await etcd.delete().prefix(prefix);
    etcd.close();
    store.close();
  });

  it('reads nothing (not an error) when Flannel has no keys there', async () => {
    expect(await readFlannel(store, prefix)).toEqual({ prefix, config: null, leases: [], problems: [] });
  });

  it('reads the config and each lease with the time left on its etcd lease; a bad key is named', async () => {
    await etcd.put(`${prefix}config`).value(JSON.stringify({ Network: '10.5.0.0/16', SubnetLen: 24, Backend: { Type: 'vxlan' } }));
    const lease = etcd.lease(600, { autoKeepAlive: false });
    await lease.put(`${prefix}subnets/10.5.10.0-24`).value(JSON.stringify({ PublicIP: '192.168.50.12', BackendType: 'vxlan', BackendData: { VNI: 1, VtepMAC: '9e:2a:11:0c:7f:02' } }));
    await lease.put(`${prefix}subnets/10.5.9.0-24`).value(JSON.stringify({ PublicIP: '192.168.50.11', BackendType: 'vxlan', BackendData: { VNI: 1, VtepMAC: '9e:2a:11:0c:7f:01' } }));
    await etcd.put(`${prefix}subnets/garbage`).value('{}');
    try {
      const view = await readFlannel(store, prefix);
      expect(view.config).toEqual({ network: '10.5.0.0/16', subnetLen: 24, backendType: 'vxlan' });
      expect(view.leases.map((l) => [l.subnet, l.publicIp, l.backendData])).toEqual([
        ['10.5.9.0/24', '192.168.50.11', 'VNI 1 · VtepMAC 9e:2a:11:0c:7f:01'],
        ['10.5.10.0/24', '192.168.50.12', 'VNI 1 · VtepMAC 9e:2a:11:0c:7f:02'],
      ]);
      for (const l of view.leases) {
        expect(l.expiresInSeconds).toBeGreaterThan(500);
        expect(l.expiresInSeconds).toBeLessThanOrEqual(600);
      }
      expect(view.problems).toEqual(['subnets/garbage: not a subnet key (a.b.c.d-len)']);

      // Flannel stops renewing when a host goes away: the key goes with its lease.
      await lease.revoke();
      expect((await readFlannel(store, prefix)).leases).toEqual([]);
    } finally {
      await lease.revoke().catch(() => undefined);
    }
  });

  it('says in words when etcd does not answer', async () => {
    const dead = new EtcdStore({ endpoints: ['http://127.0.0.1:1'], prefix: '', callTimeoutMs: 1_000 });
    try {
      await expect(readFlannel(dead, prefix)).rejects.toMatchObject({ code: 'ETCD_UNAVAILABLE', message: expect.stringContaining(`etcd did not answer reading Flannel's keys under ${prefix}`) });
    } finally {
      dead.close();
    }
  });
});
