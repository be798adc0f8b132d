// Addresses that stay with their container (lib/ipam/sticky.ts), with the real engine: a container
// created with a MAC of its own (as the console creates them) keeps its address across stop/start
// and restart, even when another container starts meanwhile; removing it frees the address; a
// container with Docker's random MAC, and any container on a sticky=false network, behave as before.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireIpv4 } from '@/lib/ipam/ipv4';
import { keys } from '@/lib/ipam/keys';
import { parseRangeFlags } from '@/lib/ipam/ranges';
import { addressRecord, decode } from '@/lib/ipam/records';
import { newStickyMac } from '@/lib/ipam/sticky-mac';
import type { Store } from '@/lib/ipam/store';
import { addContainerRange, addHostRange } from '@/lib/ipam/subnet-config';
import type { Sidecar } from '@/lib/plugin/sidecar';
import { createWithMac, docker, dockerOk, seedNetworkArgs, testImage } from './support/docker-cli';
import { etcdEndpoints, pluginDir, testPrefix, testStore, uniqueId } from './support/fixtures';
import { startInProcess } from './support/instances';

const id = uniqueId();
const octet = 100 + (parseInt(id.slice(4, 6), 16) % 150);
const sticky = { net: `10.196.${octet}`, name: `systicky-${id}` };
const loose = { net: `10.195.${octet}`, name: `syloose-${id}` };
const driver = `talkingdata-test-${id}`;
const containers: string[] = [];

function poolOf(net: string): string {
  return `${net}.0-24`;
}

async function ipOf(container: string, network: string): Promise<string> {
  return dockerOk('inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, container);
}

async function startWithMac(network: string, mac: string): Promise<string> {
  const name = `syst-${id}-${containers.length}`;
  containers.push(name);
  await createWithMac(name, network, mac);
  await dockerOk('start', name);
  return name;
}

async function runPlain(network: string): Promise<string> {
  const name = `syst-${id}-${containers.length}`;
  containers.push(name);
  await dockerOk('run', '-d', '--name', name, '--network', network, testImage(), 'sleep', '600');
  return name;
}

async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not within ${ms} ms`);
}

describe('addresses that stay with their container', () => {
  const prefix = testPrefix();
  let store: Store;
  let sidecar: Sidecar;

  const recordAt = async (net: string, ip: string) => {
    const entry = await store.get(keys.address(poolOf(net), requireIpv4(ip, 'ip')));
    return entry ? decode(addressRecord, entry) : undefined;
  };

  beforeAll(async () => {
    store = testStore(prefix);
    for (const { net } of [sticky, loose]) {
      await addContainerRange(store, parseRangeFlags(`${net}.10/24`, `${net}.60/24`));
      await addHostRange(store, parseRangeFlags(`${net}.1/24`, `${net}.5/24`), `${net}.254`);
    }
    sidecar = await startInProcess(etcdEndpoints(), prefix, join(pluginDir(), `${driver}.sock`), `sticky-${id}`);
    await dockerOk(...seedNetworkArgs({ driver, bridge: `ss${id}`, subnet: `${sticky.net}.0/24`, gateway: `${sticky.net}.1`, router: `${sticky.net}.254`, name: sticky.name }));
    await dockerOk(
      ...seedNetworkArgs({
        driver,
        bridge: `sl${id}`,
        subnet: `${loose.net}.0/24`,
        gateway: `${loose.net}.1`,
        router: `${loose.net}.254`,
        name: loose.name,
        ipamOptions: ['sticky=false'],
      }),
    );
  });

  afterAll(async () => {
    if (containers.length > 0) await docker('rm', '-f', ...containers);
    await docker('network', 'rm', sticky.name, loose.name);
    await sidecar?.stop();
    await store?.deleteAll();
    store?.close();
  });

  it('keeps the address across stop/start while another container starts, and across restart', async () => {
    const mac = newStickyMac();
    const first = await startWithMac(sticky.name, mac);
    const address = await ipOf(first, sticky.name);
    expect(address).toBe(`${sticky.net}.10`);

    await dockerOk('stop', '-t', '0', first);
    expect(await recordAt(sticky.net, address)).toMatchObject({ kind: 'container', mac, parked: true });
    // The race: another container starts while the first is stopped (after the sweep has run).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await recordAt(sticky.net, address)).toMatchObject({ parked: true });
    const other = await runPlain(sticky.name);
    expect(await ipOf(other, sticky.name)).not.toBe(address);

    await dockerOk('start', first);
    expect(await ipOf(first, sticky.name)).toBe(address);
    const back = await recordAt(sticky.net, address);
    expect(back).toMatchObject({ kind: 'container', mac });
    expect(back && back.kind === 'container' ? back.parked : 'reservation').toBeUndefined();

    await dockerOk('restart', '-t', '0', first);
    expect(await ipOf(first, sticky.name)).toBe(address);
    expect(await store.get(keys.mac(poolOf(sticky.net), mac))).toMatchObject({ value: address });
  });

  it('frees the address when its container is removed (stopped, or running with rm -f)', async () => {
    const stoppedMac = newStickyMac();
    const stopped = await startWithMac(sticky.name, stoppedMac);
    const stoppedAddress = await ipOf(stopped, sticky.name);
    await dockerOk('stop', '-t', '0', stopped);
    expect(await recordAt(sticky.net, stoppedAddress)).toMatchObject({ parked: true });
    await dockerOk('rm', stopped);
    await eventually(async () => (await recordAt(sticky.net, stoppedAddress)) === undefined);
    expect(await store.get(keys.mac(poolOf(sticky.net), stoppedMac))).toBeUndefined();

    const runningMac = newStickyMac();
    const running = await startWithMac(sticky.name, runningMac);
    const runningAddress = await ipOf(running, sticky.name);
    await dockerOk('rm', '-f', running);
    await eventually(async () => (await recordAt(sticky.net, runningAddress)) === undefined);
    expect(await store.get(keys.mac(poolOf(sticky.net), runningMac))).toBeUndefined();
  });

  it("frees a stopped container's address when Docker gave it a random MAC (it never asks for it again)", async () => {
    const plain = await runPlain(sticky.name);
    const address = await ipOf(plain, sticky.name);
    await dockerOk('stop', '-t', '0', plain);
    await eventually(async () => (await recordAt(sticky.net, address)) === undefined);
  });

  it('gives the old behaviour on a network created with --ipam-opt sticky=false', async () => {
    const mac = newStickyMac();
    const first = await startWithMac(loose.name, mac);
    const address = await ipOf(first, loose.name);
    await dockerOk('stop', '-t', '0', first);
    expect(await recordAt(loose.net, address)).toBeUndefined();
    expect(await store.get(keys.mac(poolOf(loose.net), mac))).toBeUndefined();
    const taker = await runPlain(loose.name);
    expect(await ipOf(taker, loose.name)).toBe(address);
    await dockerOk('start', first);
    expect(await ipOf(first, loose.name)).not.toBe(address);
  });
});
