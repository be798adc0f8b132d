// The real dockerd calls the plugin: network create with the seed's options, docker run gets the
// pool's next address, stop releases it, --ip is honoured or refused with the plugin's message.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '@/lib/ipam/keys';
import { requireIpv4 } from '@/lib/ipam/ipv4';
import { parseRangeFlags } from '@/lib/ipam/ranges';
import { addressRecord, decode } from '@/lib/ipam/records';
import type { Store } from '@/lib/ipam/store';
import { addContainerRange, addHostRange } from '@/lib/ipam/subnet-config';
import type { Sidecar } from '@/lib/plugin/sidecar';
import { docker, dockerOk, seedNetworkArgs, testImage } from './support/docker-cli';
import { etcdEndpoints, pluginDir, testPrefix, testStore, uniqueId } from './support/fixtures';
import { startInProcess } from './support/instances';

const id = uniqueId();
const octet = 100 + (parseInt(id.slice(0, 2), 16) % 150);
const net = `10.199.${octet}`;
const driver = `talkingdata-test-${id}`;
const network = `synet-${id}`;
const containers: string[] = [];

async function ipOf(container: string): Promise<string> {
  return dockerOk('inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, container);
}

async function run(...args: string[]): Promise<string> {
  const name = `syc-${id}-${containers.length}`;
  containers.push(name);
  await dockerOk('run', '-d', '--name', name, '--network', network, ...args, testImage(), 'sleep', '600');
  return name;
}

describe(`docker with the ${driver} IPAM driver`, () => {
  const prefix = testPrefix();
  let store: Store;
  let sidecar: Sidecar;
  const hostId = `docker-${id}`;

  beforeAll(async () => {
    store = testStore(prefix);
    await addContainerRange(store, parseRangeFlags(`${net}.10/24`, `${net}.60/24`));
    await addHostRange(store, parseRangeFlags(`${net}.1/24`, `${net}.5/24`), `${net}.254`);
    sidecar = await startInProcess(etcdEndpoints(), prefix, join(pluginDir(), `${driver}.sock`), hostId);
  });

  afterAll(async () => {
    if (containers.length > 0) await docker('rm', '-f', ...containers);
    await docker('network', 'rm', network);
    await sidecar?.stop();
    await store?.deleteAll();
    store?.close();
  });

  it('creates the seed network: gateway and router reserved in etcd', async () => {
    // sticky=false: this file checks Docker's own release-at-stop behaviour (sticky.int.test.ts the default).
    await dockerOk(
      ...seedNetworkArgs({ driver, bridge: `sy${id}`, subnet: `${net}.0/24`, gateway: `${net}.1`, router: `${net}.254`, name: network, ipamOptions: ['sticky=false'] }),
    );
    const poolId = `${net}.0-24`;
    const gateway = await store.get(keys.address(poolId, requireIpv4(`${net}.1`, 'gw')));
    const router = await store.get(keys.address(poolId, requireIpv4(`${net}.254`, 'router')));
    expect(gateway && decode(addressRecord, gateway)).toMatchObject({ kind: 'gateway', holders: [hostId] });
    expect(router && decode(addressRecord, router)).toMatchObject({ kind: 'aux', holders: [hostId] });
    const inspected = await dockerOk('network', 'inspect', '-f', '{{.IPAM.Driver}} {{(index .IPAM.Config 0).Subnet}}', network);
    expect(inspected).toBe(`${driver} ${net}.0/24`);
  });

  it('gives docker run the next pool address, records its MAC, and frees it on stop', async () => {
    const first = await run();
    const second = await run();
    expect(await ipOf(first)).toBe(`${net}.10`);
    expect(await ipOf(second)).toBe(`${net}.11`);

    const mac = await dockerOk('inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").MacAddress}}`, first);
    const entry = await store.get(keys.address(`${net}.0-24`, requireIpv4(`${net}.10`, 'ip')));
    expect(entry && decode(addressRecord, entry)).toMatchObject({ kind: 'container', host: hostId, mac });

    await dockerOk('stop', '-t', '0', first);
    expect(await store.get(keys.address(`${net}.0-24`, requireIpv4(`${net}.10`, 'ip')))).toBeUndefined();
    expect(await store.get(keys.mac(`${net}.0-24`, mac))).toBeUndefined();
    const third = await run();
    expect(await ipOf(third)).toBe(`${net}.10`);
  });

  it('honours --ip, and refuses a taken or foreign --ip with the plugin message', async () => {
    const pinned = await run('--ip', `${net}.30`);
    expect(await ipOf(pinned)).toBe(`${net}.30`);

    const taken = await docker('run', '--rm', '--network', network, '--ip', `${net}.30`, testImage(), 'true');
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain(`${net}.30 is already in use (container on host ${hostId}`);
    expect(taken.stderr).toContain('choose another --ip, or omit --ip');

    const outside = await docker('run', '--rm', '--network', network, '--ip', `${net}.100`, testImage(), 'true');
    expect(outside.code).not.toBe(0);
    expect(outside.stderr).toContain(`--ip ${net}.100 is outside the container ranges of ${net}.0/24 (${net}.10-${net}.60)`);
  });
});
