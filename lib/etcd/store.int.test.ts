// The etcd boundary against the real etcd: prefixes opened on one connection, entries with their
// etcd lease, and each caller's own error when etcd does not answer.
import { Etcd3 } from 'etcd3';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { StoreUnavailableError } from '@/lib/ipam/errors';
import { ipamStoreWithin } from '@/lib/ipam/store';
import { etcdEndpoints, testPrefix } from '@/tests/ipam/support/fixtures';
import { EtcdUnavailableError } from './etcd-unavailable-error';
import { EtcdStore } from './store';

const prefix = testPrefix();

describe('EtcdStore', () => {
  const root = new EtcdStore({ endpoints: etcdEndpoints(), prefix: '' });
  afterAll(async () => {
    await root.within(prefix).deleteAll();
    root.close();
  });

  it('opens another prefix on the same connection: keys are relative to it, and the root sees them whole', async () => {
    const left = root.within(`${prefix}left`);
    await left.put('a', '1');
    await root.within(`${prefix}right/`).put('a', '2');
    expect(left.prefix).toBe(`${prefix}left/`);
    expect(await left.list('')).toEqual([expect.objectContaining({ key: 'a', value: '1' })]);
    expect((await root.get(`${prefix}left/a`))?.value).toBe('1');
    expect((await root.within(prefix).listKeys('')).sort()).toEqual(['left/a', 'right/a']);
  });

  it('lists entries with the etcd lease that keeps them, and the seconds left on it', async () => {
    const leased = root.within(`${prefix}leased/`);
    const lease = await leased.grantLease(600, () => undefined);
    try {
      await leased.put('kept', 'x', lease.id);
      await leased.put('plain', 'y');
      const entries = await leased.listLeased('');
      expect(entries.map((entry) => [entry.key, entry.lease])).toEqual([
        ['kept', lease.id],
        ['plain', undefined],
      ]);
      const left = await leased.leaseSecondsLeft(lease.id);
      expect(left).toBeGreaterThan(500);
      expect(left).toBeLessThanOrEqual(600);
    } finally {
      await lease.revoke();
    }
  });

  it('keeps a lease alive past its TTL, and its keys go with it once revoked', async () => {
    const leased = root.within(`${prefix}kept/`);
    let lost: Error | undefined;
    const lease = await leased.grantLease(2, (reason) => (lost = reason));
    await leased.put('alive', 'x', lease.id);
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect(lost).toBeUndefined();
    expect((await leased.get('alive'))?.value).toBe('x');
    await lease.revoke();
    expect(await leased.get('alive')).toBeUndefined();
  });

  it('says a lease is lost when etcd no longer has it', async () => {
    const leased = root.within(`${prefix}lost/`);
    const lost = new Promise<Error>((resolve) => {
      void leased.grantLease(2, resolve).then(async (lease) => {
        // Revoked behind the keeper's back (as an expiry during a long pause would end it).
        const other = new Etcd3({ hosts: etcdEndpoints() });
        await other.leaseClient.leaseRevoke({ ID: lease.id });
        other.close();
      });
    });
    await expect(lost).resolves.toMatchObject({ message: expect.stringMatching(/expired or was revoked/) });
  });

  it('moves on to a live member when the one it chose is down, and lists a range in key order', async () => {
    const endpoints = ['http://127.0.0.1:1', ...etcdEndpoints()];
    // Each store picks its first member at random: of 8, all but 1 in 256 runs start on the dead one.
    const stores = Array.from({ length: 8 }, () => new EtcdStore({ endpoints, prefix: `${prefix}members/`, callTimeoutMs: 2_000 }));
    try {
      await Promise.all(stores.map((store, index) => store.put(`k${index}`, String(index))));
      expect((await stores[0]?.list(''))?.map((entry) => entry.value)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    } finally {
      for (const store of stores) store.close();
    }
  });

  it("fails within its bound with an ETCD_UNAVAILABLE AppError, or the caller's own error", async () => {
    const dead = new EtcdStore({ endpoints: ['http://127.0.0.1:1'], prefix: '', callTimeoutMs: 1_000 });
    try {
      const started = Date.now();
      const failure = await dead.get('x').catch((error: unknown) => error);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(failure).toBeInstanceOf(EtcdUnavailableError);
      expect(failure).toBeInstanceOf(AppError);
      expect(failure).toMatchObject({ code: 'ETCD_UNAVAILABLE', message: expect.stringContaining('etcd (http://127.0.0.1:1) did not complete "read x"') });
      await expect(ipamStoreWithin(dead, '/pools/').list('subnets/')).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      dead.close();
    }
  });
});
