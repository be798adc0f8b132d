// The etcd boundary against the real etcd: prefixes opened on one connection, entries with their
// etcd lease, and each caller's own error when etcd does not answer.
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
