import { describe, expect, it } from 'vitest';
import { bridgeNameProblem } from './checks/network-options';
import { decide } from './testing/decide';

/** The flat network as lib/ipam/engine.ts flatNetworkOptions makes it. */
const flat = (bridgeName: string) => ({
  Name: 'flat2',
  CheckDuplicate: true,
  Driver: 'bridge',
  IPAM: { Driver: 'shipyard-ipam', Config: [{ Subnet: '10.199.0.0/16', Gateway: '10.199.0.2', AuxiliaryAddresses: { DefaultGatewayIPv4: '10.199.0.1' } }] },
  Options: {
    'com.docker.network.bridge.enable_icc': 'true',
    'com.docker.network.bridge.enable_ip_masquerade': 'false',
    'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
    'com.docker.network.bridge.name': bridgeName,
    'com.docker.network.driver.mtu': '1500',
  },
});

const BRIDGE_OPTION = 'Options.com.docker.network.bridge.name';

describe('network create', () => {
  it("allows the flat network's options with a bridge name nothing uses", async () => {
    const decision = await decide('POST', '/networks/create', flat('syflat9'));
    expect(decision.allow && decision.request.body).toMatchObject({ Name: 'flat2', Driver: 'bridge', IPAM: { Driver: 'shipyard-ipam' } });
  });

  for (const name of ['docker0', 'DOCKER0', 'docker_gwbridge', 'br0', 'syb123', 'br-0123456789ab', 'eth0', 'ens3', 'lo', 'veth1234', 'a-name-longer-than-15', 'bad/name']) {
    it(`refuses the bridge name ${name}, which an interface has or could have`, async () => {
      expect(await decide('POST', '/networks/create', flat(name))).toMatchObject({ allow: false, status: 403, field: BRIDGE_OPTION });
    });
  }

  it('allows an admin any bridge name', async () => {
    expect((await decide('POST', '/networks/create', flat('docker0'), 'admin')).allow).toBe(true);
  });

  for (const [body, field] of [
    [{ Name: 'n', Driver: 'macvlan', Options: { parent: 'eth0' } }, 'Driver'],
    [{ Name: 'n', Driver: 'ipvlan' }, 'Driver'],
    [{ Name: 'n', Driver: 'host' }, 'Driver'],
    [{ Name: 'n', Options: { parent: 'eth0' } }, 'Options.parent'],
    [{ Name: 'n', Options: { 'com.docker.network.bridge.default_bridge': 'true' } }, 'Options.com.docker.network.bridge.default_bridge'],
    [{ Name: 'n', Driver: 'overlay', Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4096' } }, 'Options.com.docker.network.driver.overlay.vxlanid_list'],
    [{ Name: 'n', Ingress: true, Driver: 'overlay' }, 'Ingress'],
    [{ Name: 'n', ConfigFrom: { Network: 'mv-config' } }, 'ConfigFrom'],
  ] as const) {
    it(`refuses ${field} in ${JSON.stringify(body)}`, async () => {
      expect(await decide('POST', '/networks/create', body)).toMatchObject({ allow: false, status: 403, field });
    });
  }

  it('allows an overlay, encrypted and attachable, with the driver name in any case', async () => {
    const decision = await decide('POST', '/networks/create', { Name: 'ov', Driver: 'Overlay', Attachable: true, Options: { encrypted: '' } });
    expect(decision.allow && decision.request.body).toMatchObject({ Driver: 'overlay' });
  });

  it('names why a bridge name is taken', () => {
    expect(bridgeNameProblem('mybr', ['mybr'])).toMatch(/already an interface/);
    expect(bridgeNameProblem('mybr', [])).toBeNull();
  });
});

describe('volume create', () => {
  it('allows a local volume without options', async () => {
    expect((await decide('POST', '/volumes/create', { Name: 'v', Driver: 'local', Labels: { team: 'a' } })).allow).toBe(true);
  });

  it('refuses driver options (a bind of any host path) and other drivers', async () => {
    expect(await decide('POST', '/volumes/create', { Name: 'v', driveropts: { type: 'none', o: 'bind', device: '/' } })).toMatchObject({ allow: false, status: 403, field: 'DriverOpts' });
    expect(await decide('POST', '/volumes/create', { Name: 'v', Driver: 'vieux/sshfs' })).toMatchObject({ allow: false, status: 403, field: 'Driver' });
  });
});
