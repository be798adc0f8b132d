// The console's view of the sidecar's pools, against the real etcd, a real `shipyard-ipam server`
// process and the real engine: allocations appear in the live feed, a reconnect after
// Last-Event-ID gets exactly what it missed, containers are named, leaks are found and freed.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventory } from '@/lib/ipam/inventory';
import type { Store } from '@/lib/ipam/store';
import { type ChildInstance, startChild } from '@/tests/ipam/support/instances';
import { docker, dockerOk, seedNetworkArgs, testImage } from '@/tests/ipam/support/docker-cli';
import { etcdEndpoints, pluginDir, testPrefix, testStore, uniqueId } from '@/tests/ipam/support/fixtures';
import { callPlugin, randomMac, requestAddress } from '@/tests/ipam/support/plugin-client';
import { testEngineClient } from '@/tests/support/docker-client';
import { SseReader } from '@/tests/support/sse-reader';
import { addRange, releaseAddress, runGc } from './actions';
import { allocationContext, allocationView, listAllocations } from './allocations';
import { consoleEngine } from './console-engine';
import { readEngineView } from './engine-view';
import { listPools } from './pools';
import { ipamEventStream } from './sse';
import type { IpamRevisionEvent } from './types';

const id = uniqueId();
const net = `10.196.${100 + (parseInt(id.slice(0, 2), 16) % 100)}`;
const poolId = `${net}.0-24`;
const driver = `talkingdata-view-${id}`;
const network = `syview-${id}`;
const containerName = `syview-c-${id}`;

async function nextIpamEvent(reader: SseReader): Promise<{ id: string | undefined; event: IpamRevisionEvent }> {
  const message = await reader.next();
  expect(message.event).toBe('ipam');
  return { id: message.id, event: JSON.parse(message.data) as IpamRevisionEvent };
}

describe('the IPAM view over a real sidecar', () => {
  const prefix = testPrefix();
  const engine = testEngineClient();
  const readEngine = () => readEngineView(engine);
  let store: Store;
  let plugin: ChildInstance;
  let socket: string;
  let hostId: string;

  beforeAll(async () => {
    store = testStore(prefix);
    hostId = (await readEngine()).host;
    await addRange(store, { kind: 'container', start: `${net}.10/24`, end: `${net}.59/24` });
    await addRange(store, { kind: 'host', start: `${net}.1/24`, end: `${net}.5/24`, gateway: `${net}.254` });
    socket = join(pluginDir(), `${driver}.sock`);
    // The sidecar's host id is the engine's name, as on a real host, so leaks can be judged.
    plugin = await startChild(etcdEndpoints(), prefix, socket, hostId);
    // sticky=false: the test's MACs belong to no container, so a release frees (lib/ipam/sticky.ts).
    expect((await callPlugin(socket, '/IpamDriver.RequestPool', { Pool: `${net}.0/24`, Options: { sticky: 'false' } })).status).toBe(200);
  });

  afterAll(async () => {
    await docker('rm', '-f', containerName);
    await docker('network', 'rm', network);
    plugin?.process.kill('SIGTERM');
    await store?.deleteAll();
    store?.close();
  });

  it('lists the pool with its ranges, router and counts', async () => {
    const [pool] = (await listPools(store)).filter((candidate) => candidate.poolId === poolId);
    expect(pool).toMatchObject({
      subnet: `${net}.0/24`,
      router: `${net}.254`,
      containerRanges: [{ start: `${net}.10`, end: `${net}.59`, size: 50 }],
      hostRanges: [{ start: `${net}.1`, end: `${net}.5`, size: 5 }],
      size: 50,
      used: 0,
      free: 50,
    });
  });

  it('refuses an overlapping range with a conflict that names the range', async () => {
    await expect(addRange(store, { kind: 'container', start: `${net}.50/24`, end: `${net}.70/24` })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`${net}.10`),
    });
  });

  it('pushes an allocation made through the plugin, and a reconnect after Last-Event-ID gets exactly what it missed', async () => {
    const { revision } = await listAllocations(store, readEngine);
    const context = () => allocationContext(store, readEngine);
    const first = new SseReader(ipamEventStream({ store, after: revision, context }));
    expect((await first.next()).event).toBe('ready');

    const mac1 = randomMac();
    const reply = await requestAddress(socket, poolId, mac1);
    expect(reply.status).toBe(200);
    const address1 = String(reply.body.Address).split('/')[0];
    const seen = await nextIpamEvent(first);
    expect(seen.id).toBe(seen.event.revision);
    expect(BigInt(seen.event.revision)).toBeGreaterThan(BigInt(revision));
    expect(seen.event.changes).toEqual([
      { type: 'allocated', allocation: expect.objectContaining({ poolId, address: address1, mac: mac1, host: hostId, kind: 'container' }) },
    ]);
    await first.cancel();

    // While disconnected: two allocations and a release.
    const mac2 = randomMac();
    const mac3 = randomMac();
    const address2 = String((await requestAddress(socket, poolId, mac2)).body.Address).split('/')[0];
    const address3 = String((await requestAddress(socket, poolId, mac3)).body.Address).split('/')[0];
    expect((await callPlugin(socket, '/IpamDriver.ReleaseAddress', { PoolID: poolId, Address: address1 })).status).toBe(200);

    const resumed = new SseReader(ipamEventStream({ store, after: seen.id, context }));
    expect(JSON.parse((await resumed.next()).data)).toEqual({ after: seen.id });
    const missed = [await nextIpamEvent(resumed), await nextIpamEvent(resumed), await nextIpamEvent(resumed)];
    expect(missed.map(({ event }) => event.changes.map((change) => (change.type === 'allocated' ? `+${change.allocation.address}` : change.type === 'released' ? `-${change.address}` : change.type)))).toEqual([
      [`+${address2}`],
      [`+${address3}`],
      [`-${address1}`],
    ]);
    const ids = missed.map((message) => BigInt(message.id ?? '0'));
    expect(ids[0]).toBeGreaterThan(BigInt(seen.id ?? '0'));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    // The next event is the next change, not a repeat of an earlier revision.
    const mac4 = randomMac();
    const address4 = String((await requestAddress(socket, poolId, mac4)).body.Address).split('/')[0];
    const after = await nextIpamEvent(resumed);
    expect(after.event.changes).toEqual([{ type: 'allocated', allocation: expect.objectContaining({ address: address4, mac: mac4 }) }]);
    expect((await callPlugin(socket, '/IpamDriver.ReleaseAddress', { PoolID: poolId, Address: address4 })).status).toBe(200);
    expect((await nextIpamEvent(resumed)).event.changes).toEqual([{ type: 'released', poolId, address: address4 }]);
    await resumed.cancel();

    const { allocations } = await listAllocations(store, readEngine);
    const mine = allocations.filter((allocation) => allocation.poolId === poolId && allocation.kind === 'container').map((a) => a.address).sort();
    expect(mine).toEqual([address2, address3].sort());
    const [pool] = (await listPools(store)).filter((candidate) => candidate.poolId === poolId);
    expect(pool?.used).toBe(2);
  });

  it('names the container that holds an address, and calls an address no container holds leaked', async () => {
    await dockerOk(...seedNetworkArgs({ driver, bridge: `syv${id}`, subnet: `${net}.0/24`, gateway: `${net}.1`, router: `${net}.254`, name: network }));
    await dockerOk('run', '-d', '--name', containerName, '--label', 'shipyard-test=ipam-view', '--network', network, testImage(), 'sleep', '600');
    const ip = await dockerOk('inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, containerName);
    const { allocations } = await listAllocations(store, readEngine);
    expect(allocations.find((allocation) => allocation.address === ip)).toMatchObject({ container: containerName, status: 'in-use', host: hostId });
    expect(allocations.find((allocation) => allocation.address === `${net}.1`)).toMatchObject({ kind: 'gateway', status: 'reserved' });

    // The two allocations of the previous test have no container: leaked once past the grace period.
    const later = { ...(await allocationContext(store, readEngine)), now: Date.now() + 60_000 };
    const pool = (await inventory(store)).find((candidate) => candidate.config.poolId === poolId);
    const statuses = new Map(pool?.addresses.map(({ address, record }) => [address, allocationView(poolId, address, record, later).status]));
    expect(statuses.get(ip)).toBe('in-use');
    expect([...statuses.values()].filter((status) => status === 'leaked')).toHaveLength(2);
  });

  it('gc frees the leaked addresses and keeps the running container; release frees one by hand', async () => {
    const report = await runGc(store, consoleEngine(engine), hostId, { freeGoneHosts: false, graceSeconds: 0 });
    expect(report.freedCount).toBe(2);
    expect(report.lines.every((line) => line.includes('its container no longer runs'))).toBe(true);
    const ip = await dockerOk('inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, containerName);
    let { allocations } = await listAllocations(store, readEngine);
    expect(allocations.filter((a) => a.poolId === poolId && a.kind === 'container').map((a) => a.address)).toEqual([ip]);

    const mac = randomMac();
    const spare = String((await requestAddress(socket, poolId, mac)).body.Address).split('/')[0] ?? '';
    expect(await releaseAddress(store, spare, 'console:test')).toEqual({ poolId, address: spare });
    ({ allocations } = await listAllocations(store, readEngine));
    expect(allocations.some((a) => a.address === spare)).toBe(false);
    await expect(releaseAddress(store, '10.196.250.9', 'console:test')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
