// gc frees this host's allocations whose container no longer runs (after the grace period),
// keeps running containers' and live hosts' allocations, and frees gone hosts' only on command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Allocator } from '@/lib/ipam/allocator';
import { connectEngine } from '@/lib/ipam/engine';
import { collectGarbage, describeReport } from '@/lib/ipam/gc';
import { Liveness } from '@/lib/ipam/liveness';
import { parseRangeFlags } from '@/lib/ipam/ranges';
import type { Store } from '@/lib/ipam/store';
import { addContainerRange } from '@/lib/ipam/subnet-config';
import { docker, dockerOk, testImage } from './support/docker-cli';
import { testPrefix, testStore, uniqueId } from './support/fixtures';
import { randomMac } from './support/plugin-client';
import { readPool } from './support/pool-check';

const POOL_ID = '10.199.254.0-24';

describe('gc', () => {
  const id = uniqueId();
  const prefix = testPrefix();
  const container = `sygc-${id}`;
  let store: Store;
  let liveness: Liveness;

  beforeAll(async () => {
    store = testStore(prefix);
    await addContainerRange(store, parseRangeFlags('10.199.254.10/24', '10.199.254.30/24'));
    await dockerOk('run', '-d', '--name', container, testImage(), 'sleep', '600');
    liveness = new Liveness(store, `live-${id}`, undefined, () => undefined);
    liveness.start();
  });

  afterAll(async () => {
    await docker('rm', '-f', container);
    await liveness.stop();
    await store.deleteAll();
    store.close();
  });

  it('frees only what is safe to free, and reports gone hosts', async () => {
    const engine = connectEngine(process.env.SHIPYARD_DOCKER ?? '');
    const runningMac = (await dockerOk('inspect', '-f', '{{.NetworkSettings.MacAddress}}', container)).toLowerCase();
    const me = new Allocator(store, `gc-${id}`);
    const live = new Allocator(store, `live-${id}`);
    const gone = new Allocator(store, `gone-${id}`);
    const take = (allocator: Allocator, mac: string) => allocator.requestAddress({ poolId: POOL_ID, mac, kind: 'container' });
    const leaked = await take(me, randomMac());
    const running = await take(me, runningMac);
    await take(live, randomMac());
    const orphan = await take(gone, randomMac());
    // Liveness registers asynchronously; wait until it is visible.
    for (let attempt = 0; attempt < 50 && !(await store.get(`live/live-${id}`)); attempt++) await new Promise((r) => setTimeout(r, 100));

    const options = { hostId: `gc-${id}`, engine, freeGoneHosts: false };
    const young = await collectGarbage(store, { ...options, graceMs: 3_600_000 });
    expect(young.freed).toEqual([]);
    expect(young.goneHosts).toEqual([]);

    const report = await collectGarbage(store, { ...options, graceMs: 0 });
    expect(report.freed.map((f) => `${f.address}/24`)).toEqual([leaked]);
    expect(report.goneHosts.map((f) => `${f.address}/24`)).toEqual([orphan]);
    expect(describeReport(report).join('\n')).toContain(`host gone-${id} is gone (no live plugin) and still holds`);
    let held = [...(await readPool(store, POOL_ID)).containers.keys()].map((a) => `${a}/24`).sort();
    expect(held).toEqual([running, orphan, held.find((a) => a !== running && a !== orphan)].sort());
    expect(held).not.toContain(leaked);

    const forced = await collectGarbage(store, { ...options, graceMs: 0, freeGoneHosts: true });
    expect(forced.goneHosts.map((f) => `${f.address}/24`)).toEqual([orphan]);
    held = [...(await readPool(store, POOL_ID)).containers.keys()].map((a) => `${a}/24`);
    expect(held).toHaveLength(2);
    expect(held).toContain(running);
    expect(held).not.toContain(orphan);
  });
});
