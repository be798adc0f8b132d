import { describe, expect, it } from 'vitest';
import { checkIpamPluginPresent, IpamDriverNotAnsweringError, IpamPluginMissingError, translateIpamPluginError } from './ipam-plugin-missing';
import { createNetworkSchema, swarmFlatNetworkSchema } from './network-schema';
import { swarmFlatConfigOptions, swarmFlatNetworkOptions } from './swarm-flat-options';
import { DockerRequestError, DockerUnavailableError } from '@/lib/docker/docker-errors';

const base = { kind: 'swarm-flat', name: 'sflat', subnet: '10.199.0.0/24', gateway: '10.199.0.254', router: '10.199.0.254' } as const;

describe('the swarm-scoped flat network requests', () => {
  it('configures each host with a config-only network (subnet, gateway, router, managed IPAM, br0 options) and the manager with a swarm bridge taking it', () => {
    const input = swarmFlatNetworkSchema.parse(base);
    expect(swarmFlatConfigOptions(input, 'shipyard-ipam', '10.199.0.2')).toMatchObject({
      Name: 'sflat-config',
      ConfigOnly: true,
      IPAM: { Driver: 'shipyard-ipam', Config: [{ Subnet: '10.199.0.0/24', Gateway: '10.199.0.2', AuxiliaryAddresses: { DefaultGatewayIPv4: '10.199.0.254' } }] },
      Options: { 'com.docker.network.bridge.name': 'br0', 'com.docker.network.bridge.enable_ip_masquerade': 'false', 'com.docker.network.driver.mtu': '1500' },
    });
    const swarm = swarmFlatNetworkOptions(input);
    expect(swarm).toEqual({ Name: 'sflat', CheckDuplicate: true, Driver: 'bridge', Scope: 'swarm', Attachable: true, ConfigFrom: { Network: 'sflat-config' } });
  });

  it('puts a macvlan on the named parent interface, and needs that interface', () => {
    const input = swarmFlatNetworkSchema.parse({ ...base, driver: 'macvlan', parent: 'eth0', mtu: 1400 });
    expect(swarmFlatConfigOptions(input, 'ipam2')).toMatchObject({ IPAM: { Driver: 'ipam2' }, Options: { parent: 'eth0', macvlan_mode: 'bridge', 'com.docker.network.driver.mtu': '1400' } });
    expect(swarmFlatNetworkOptions(input)).toMatchObject({ Driver: 'macvlan', Scope: 'swarm' });
    const refused = swarmFlatNetworkSchema.safeParse({ ...base, driver: 'macvlan' });
    expect(refused.success ? [] : refused.error.issues.map((issue) => issue.path.join('.'))).toEqual(['parent']);
  });
});

describe("the flat kind's IPAM driver", () => {
  const flat = { kind: 'flat', name: 'f', subnet: '10.199.0.0/24', gateway: '10.199.0.1', router: '10.199.0.254' } as const;
  it("takes the project's driver by default and another only as the explicit advanced choice", () => {
    expect(createNetworkSchema.parse(flat)).toMatchObject({ ipamDriver: 'talkingdata', otherIpamDriver: false });
    const refused = createNetworkSchema.safeParse({ ...flat, ipamDriver: 'default' });
    expect(refused.success).toBe(false);
    expect(refused.success ? '' : refused.error.issues[0]?.message).toMatch(/project's IPAM driver, talkingdata.*not appear on the IP allocations page/);
    expect(createNetworkSchema.parse({ ...flat, ipamDriver: 'default', otherIpamDriver: true })).toMatchObject({ ipamDriver: 'default' });
  });
});

describe('a missing IPAM plugin', () => {
  it("turns Docker's two 'plugin not found' answers for the driver into what to install, on every host", () => {
    for (const text of ['Docker: plugin "shipyard-ipam" not found', 'Docker: rpc error: code = InvalidArgument desc = error during lookup of plugin shipyard-ipam']) {
      const translated = translateIpamPluginError(new DockerRequestError(text, 400), 'shipyard-ipam');
      expect(translated).toBeInstanceOf(IpamPluginMissingError);
      expect((translated as IpamPluginMissingError).message).toMatch(/must be installed and enabled on every host \(docker plugin install .*--alias shipyard-ipam/);
    }
    const other = new DockerRequestError('Docker: plugin "other" not found', 404);
    expect(translateIpamPluginError(other, 'shipyard-ipam')).toBe(other);
  });

  it('says a create that timed out may be Docker looking for the driver, but leaves an unreachable engine as it is', () => {
    const timedOut = new DockerUnavailableError('tcp://h1:2375', new Error('(HTTP code undefined) timeout'));
    expect(translateIpamPluginError(timedOut, 'x-ipam')).toBeInstanceOf(IpamDriverNotAnsweringError);
    const refused = new DockerUnavailableError('tcp://h1:2375', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(translateIpamPluginError(refused, 'x-ipam')).toBe(refused);
  });

  it('is refused before the manager is asked when its plugin list lacks the driver or has it disabled', () => {
    expect(() => checkIpamPluginPresent([], 'shipyard-ipam')).toThrow(/not installed on the swarm manager/);
    expect(() => checkIpamPluginPresent([{ name: 'shipyard-ipam:latest', enabled: false }], 'shipyard-ipam')).toThrow(/disabled on the manager: docker plugin enable shipyard-ipam/);
    expect(() => checkIpamPluginPresent([{ name: 'shipyard-ipam:latest', enabled: true }], 'shipyard-ipam')).not.toThrow();
  });
});
