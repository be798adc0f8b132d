// Networks against the real engine: the seed's flat network and an overlay created, listed with
// subnet, gateway, IPAM driver and attached containers; removal refused while in use.
import { afterAll, describe, expect, it } from 'vitest';
import { docker, dockerOk, testImage } from '@/tests/ipam/support/docker-cli';
import { uniqueId } from '@/tests/ipam/support/fixtures';
import { testEngineClient } from '@/tests/support/docker-client';
import { connectContainer, createNetwork, disconnectContainer, removeNetwork } from './network-actions';
import { createNetworkSchema } from './network-schema';
import { listNetworks } from './network-view';

const id = uniqueId();
const third = parseInt(id.slice(0, 2), 16) % 100;
const flat = `synet-flat-${id}`;
const overlay = `synet-ovl-${id}`;
const container = `synet-c-${id}`;

describe('networks on the real engine', () => {
  const engine = testEngineClient();

  afterAll(async () => {
    await docker('rm', '-f', container);
    await docker('network', 'rm', flat, overlay);
  });

  it("creates the seed's flat network with its options and lists it", async () => {
    const input = createNetworkSchema.parse({
      kind: 'flat',
      name: flat,
      subnet: `10.196.${third}.0/24`,
      gateway: `10.196.${third}.1`,
      router: `10.196.${third}.254`,
      bridgeName: `syb${id}`,
      ipamDriver: 'default',
      otherIpamDriver: true,
      labels: { 'shipyard-test': 'networks' },
    });
    const created = await createNetwork(engine, input);
    expect(created).toMatchObject({
      name: flat,
      driver: 'bridge',
      scope: 'local',
      subnet: `10.196.${third}.0/24`,
      gateway: `10.196.${third}.1`,
      auxAddresses: { DefaultGatewayIPv4: `10.196.${third}.254` },
      options: {
        'com.docker.network.bridge.name': `syb${id}`,
        'com.docker.network.bridge.enable_ip_masquerade': 'false',
        'com.docker.network.driver.mtu': '1500',
      },
    });
    const cli = await dockerOk('network', 'inspect', '-f', '{{(index .IPAM.Config 0).Gateway}} {{index .Options "com.docker.network.bridge.enable_icc"}}', flat);
    expect(cli).toBe(`10.196.${third}.1 true`);
  });

  it('refuses a gateway outside the subnet before asking Docker', async () => {
    const input = createNetworkSchema.parse({ kind: 'flat', name: `${flat}-x`, subnet: `10.196.${third}.0/24`, gateway: '10.196.250.1', router: `10.196.${third}.254` });
    await expect(createNetwork(engine, input)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'gateway' }] });
  });

  it('creates an attachable encrypted overlay with its subnet', async () => {
    const input = createNetworkSchema.parse({ kind: 'overlay', name: overlay, subnet: `10.196.${(third + 1) % 100}.0/24`, encrypted: true, labels: { 'shipyard-test': 'networks' } });
    expect(await createNetwork(engine, input)).toMatchObject({ driver: 'overlay', scope: 'swarm', attachable: true, encrypted: true, subnet: `10.196.${(third + 1) % 100}.0/24` });
  });

  it('connects a container with a chosen address, lists it, refuses removal while in use, then removes', async () => {
    await dockerOk('run', '-d', '--name', container, '--label', 'shipyard-test=networks', testImage(), 'sleep', '600');
    await connectContainer(engine, flat, { container, ipv4: `10.196.${third}.77` });
    const listed = (await listNetworks(engine)).find((network) => network.name === flat);
    expect(listed?.containers).toEqual([expect.objectContaining({ name: container, ipv4: `10.196.${third}.77` })]);
    expect(listed?.ipamDriver).toBe('default');

    await expect(removeNetwork(engine, flat)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`in use by 1 container(s): ${container}`),
    });
    await disconnectContainer(engine, flat, { container, force: false });
    expect((await removeNetwork(engine, flat)).name).toBe(flat);
    expect((await docker('network', 'inspect', flat)).code).not.toBe(0);
    await expect(removeNetwork(engine, 'bridge')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(removeNetwork(engine, `no-such-${id}`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
