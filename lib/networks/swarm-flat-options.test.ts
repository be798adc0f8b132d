import { describe, expect, it } from 'vitest';
import { checkIpamPluginPresent, IpamPluginMissingError, translateIpamPluginError } from './ipam-plugin-missing';
import { createNetworkSchema, swarmFlatNetworkSchema } from './network-schema';
import { swarmFlatNetworkOptions } from './swarm-flat-options';
import { DockerRequestError } from '@/lib/docker/docker-errors';

const base = { kind: 'swarm-flat', name: 'sflat', subnet: '10.199.0.0/24', gateway: '10.199.0.254', router: '10.199.0.254' } as const;

describe('swarmFlatNetworkOptions', () => {
  it('asks the manager for a swarm-scoped bridge on br0 with the managed IPAM plugin and the router as aux address', () => {
    const options = swarmFlatNetworkOptions(swarmFlatNetworkSchema.parse(base), 'shipyard-ipam');
    expect(options).toMatchObject({
      Name: 'sflat',
      Driver: 'bridge',
      Scope: 'swarm',
      Attachable: true,
      IPAM: { Driver: 'shipyard-ipam', Config: [{ Subnet: '10.199.0.0/24', Gateway: '10.199.0.254', AuxiliaryAddresses: { DefaultGatewayIPv4: '10.199.0.254' } }] },
    });
    expect(options.Options?.['com.docker.network.bridge.name']).toBe('br0');
    expect(options.Options?.['com.docker.network.bridge.enable_ip_masquerade']).toBe('false');
  });

  it('puts a macvlan on the named parent interface, and needs that interface', () => {
    const options = swarmFlatNetworkOptions(swarmFlatNetworkSchema.parse({ ...base, driver: 'macvlan', parent: 'eth0', mtu: 1400 }), 'ipam2');
    expect(options).toMatchObject({ Driver: 'macvlan', Scope: 'swarm', IPAM: { Driver: 'ipam2' }, Options: { parent: 'eth0', macvlan_mode: 'bridge', 'com.docker.network.driver.mtu': '1400' } });
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

  it('is refused before the manager is asked when its plugin list lacks the driver or has it disabled', () => {
    expect(() => checkIpamPluginPresent([], 'shipyard-ipam')).toThrow(/not installed on the swarm manager/);
    expect(() => checkIpamPluginPresent([{ name: 'shipyard-ipam:latest', enabled: false }], 'shipyard-ipam')).toThrow(/disabled on the manager: docker plugin enable shipyard-ipam/);
    expect(() => checkIpamPluginPresent([{ name: 'shipyard-ipam:latest', enabled: true }], 'shipyard-ipam')).not.toThrow();
  });
});
