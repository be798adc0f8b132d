import { describe, expect, it } from 'vitest';
import { SWARM_FLAT_IPAM_DRIVER, configNetworkName, swarmFlatConfigOptions, swarmFlatNetworkOptions } from './swarm-flat-network';

const spec = { name: 'flat', ipamDriver: SWARM_FLAT_IPAM_DRIVER, subnet: '10.199.0.0/24', router: '10.199.0.254', parent: 'br0' };

describe('swarm flat network options', () => {
  it('names the managed plugin with its tag: Docker looks managed IPAM plugins up as NAME:TAG', () => {
    expect(SWARM_FLAT_IPAM_DRIVER).toBe('shipyard-ipam:latest');
  });

  it("puts the parent, the pool and the router in each host's config-only network", () => {
    expect(swarmFlatConfigOptions(spec)).toEqual({
      Name: 'flat-config',
      CheckDuplicate: true,
      ConfigOnly: true,
      IPAM: { Driver: 'shipyard-ipam:latest', Config: [{ Subnet: '10.199.0.0/24', Gateway: '10.199.0.254' }] },
      Options: { parent: 'br0' },
    });
  });

  it('makes the swarm network a macvlan one from that config, with no options of its own (swarm would drop them)', () => {
    expect(swarmFlatNetworkOptions(spec)).toEqual({
      Name: 'flat',
      CheckDuplicate: true,
      Driver: 'macvlan',
      Scope: 'swarm',
      ConfigFrom: { Network: configNetworkName('flat') },
    });
  });
});
