// kill -9 one of three plugin processes in the middle of a burst, restart it on the same socket
// and replay the requests that got no reply, as Docker does: no duplicate, no lost record.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRangeFlags } from '@/lib/ipam/ranges';
import type { Store } from '@/lib/ipam/store';
import { addContainerRange } from '@/lib/ipam/subnet-config';
import { etcdEndpoints, socketDir, testPrefix, testStore, uniqueId } from './support/fixtures';
import { type ChildInstance, startChild, waitForExit } from './support/instances';
import { callPlugin, randomMac, requestAddress } from './support/plugin-client';
import { indexMismatches, readPool } from './support/pool-check';

const REQUESTS = 150;
const CALLERS = 30;
const KILL_AFTER = 40;
const POOL_ID = '10.199.251.0-24';

describe('kill -9 of one instance mid-burst', () => {
  const prefix = testPrefix();
  const dir = socketDir();
  const run = uniqueId();
  const sockets = [0, 1, 2].map((index) => join(dir, `c${index}.sock`));
  const hostIds = [0, 1, 2].map((index) => `crash-${run}-h${index}`);
  let store: Store;
  let children: ChildInstance[] = [];

  beforeAll(async () => {
    store = testStore(prefix);
    await addContainerRange(store, parseRangeFlags('10.199.251.1/24', '10.199.251.200/24'));
    children = await Promise.all(sockets.map((socket, index) => startChild(etcdEndpoints(), prefix, socket, hostIds[index] ?? '')));
  });

  afterAll(async () => {
    for (const child of children) {
      child.process.kill('SIGTERM');
      await waitForExit(child.process);
    }
    await store.deleteAll();
    store.close();
  });

  it('keeps every MAC on exactly one address after the victim is restarted and requests replayed', async () => {
    for (const socket of sockets) {
      expect((await callPlugin(socket, '/IpamDriver.RequestPool', { Pool: '10.199.251.0/24' })).status).toBe(200);
    }
    const victim = children[1];
    if (!victim) throw new Error('no victim');
    const given = new Map<string, string>();
    const lost: string[] = [];
    let next = 0;
    let killed = false;
    const caller = async () => {
      while (next < REQUESTS) {
        const turn = next++;
        const mac = randomMac();
        const reply = await requestAddress(sockets[turn % 3] ?? '', POOL_ID, mac).catch(() => undefined);
        if (!reply) {
          lost.push(mac);
          continue;
        }
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        given.set(mac, String(reply.body.Address));
        if (given.size >= KILL_AFTER && !killed) {
          killed = true;
          victim.process.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CALLERS }, caller));
    await waitForExit(victim.process);
    expect(killed).toBe(true);
    expect(lost.length).toBeGreaterThan(0);

    const restarted = await startChild(etcdEndpoints(), prefix, sockets[1] ?? '', hostIds[1] ?? '');
    children[1] = restarted;
    for (const mac of lost) {
      const reply = await requestAddress(restarted.socketPath, POOL_ID, mac);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      given.set(mac, String(reply.body.Address));
    }

    expect(given.size).toBe(REQUESTS);
    expect(new Set(given.values()).size).toBe(REQUESTS);
    const contents = await readPool(store, POOL_ID);
    expect(contents.containers.size).toBe(REQUESTS);
    expect(indexMismatches(contents)).toEqual([]);
    for (const [mac, address] of given) expect(`${contents.macs.get(mac)}/24`).toBe(address);
  });
});
