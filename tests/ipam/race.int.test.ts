// Three plugin instances (three hosts) and 40 concurrent callers fill a /24: every address is
// given exactly once, retried requests get their first answer, then "pool exhausted".
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRangeFlags } from '@/lib/ipam/ranges';
import type { Store } from '@/lib/ipam/store';
import { addContainerRange } from '@/lib/ipam/subnet-config';
import type { Sidecar } from '@/lib/plugin/sidecar';
import { etcdEndpoints, socketDir, testPrefix, testStore, uniqueId } from './support/fixtures';
import { startInProcess } from './support/instances';
import { callPlugin, randomMac, requestAddress } from './support/plugin-client';
import { indexMismatches, readPool } from './support/pool-check';

const POOL_SIZE = 254;
const CALLERS = 40;

describe('three instances racing for one /24', () => {
  const prefix = testPrefix();
  const dir = socketDir();
  let store: Store;
  let instances: Sidecar[] = [];
  const sockets = [0, 1, 2].map((index) => join(dir, `i${index}.sock`));

  beforeAll(async () => {
    store = testStore(prefix);
    await addContainerRange(store, parseRangeFlags('10.199.250.1/24', '10.199.250.254/24'));
    const run = uniqueId();
    instances = await Promise.all(sockets.map((socket, index) => startInProcess(etcdEndpoints(), prefix, socket, `race-${run}-h${index}`)));
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await store.deleteAll();
    store.close();
  });

  it('gives every address once, keeps retries idempotent, then says pool exhausted', async () => {
    const pools = await Promise.all(sockets.map((socket) => callPlugin(socket, '/IpamDriver.RequestPool', { Pool: '10.199.250.0/24' })));
    expect(pools.map((reply) => reply.body.PoolID)).toEqual(['10.199.250.0-24', '10.199.250.0-24', '10.199.250.0-24']);
    const poolId = '10.199.250.0-24';

    const given = new Map<string, string>();
    const exhausted: string[] = [];
    let next = 0;
    const caller = async () => {
      for (;;) {
        const turn = next++;
        const mac = randomMac();
        // Every fifth request is also retried at once on another host, as a lost reply would be.
        const targets = turn % 5 === 0 ? [sockets[turn % 3], sockets[(turn + 1) % 3]] : [sockets[turn % 3]];
        const replies = await Promise.all(targets.map((socket) => requestAddress(socket ?? '', poolId, mac)));
        const addresses = replies.filter((reply) => reply.status === 200).map((reply) => String(reply.body.Address));
        if (addresses.length > 0) {
          expect(new Set(addresses).size).toBe(1);
          given.set(mac, addresses[0] ?? '');
        }
        const failures = replies.filter((reply) => reply.status !== 200);
        if (failures.length > 0 && addresses.length === 0) {
          exhausted.push(String(failures[0]?.body.Err));
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: CALLERS }, caller));

    const addresses = [...given.values()];
    expect(addresses.length).toBe(POOL_SIZE);
    expect(new Set(addresses).size).toBe(POOL_SIZE);
    expect(exhausted.length).toBe(CALLERS);
    for (const message of exhausted) expect(message).toMatch(/^pool exhausted: every container address of 10\.199\.250\.0\/24/);

    const contents = await readPool(store, poolId);
    expect(contents.containers.size).toBe(POOL_SIZE);
    expect(indexMismatches(contents)).toEqual([]);
    for (const [mac, address] of given) expect(`${contents.macs.get(mac)}/24`).toBe(address);

    // After the race, a retry of an old request still gets its own address back.
    const [someMac, someAddress] = [...given.entries()][7] ?? ['', ''];
    const again = await requestAddress(sockets[2] ?? '', poolId, someMac);
    expect(again.body.Address).toBe(someAddress);
  });
});
