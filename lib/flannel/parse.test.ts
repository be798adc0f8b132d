import { describe, expect, it } from 'vitest';
import { compareSubnets, parseFlannelConfig, parseFlannelLease } from './parse';

describe("Flannel's etcd values", () => {
  it('reads the network config, with Flannel defaults for what is left out', () => {
    expect(parseFlannelConfig('{"Network":"10.5.0.0/16","SubnetLen":26,"Backend":{"Type":"vxlan","VNI":4}}')).toEqual({
      ok: true,
      value: { network: '10.5.0.0/16', subnetLen: 26, backendType: 'vxlan' },
    });
    expect(parseFlannelConfig('{"Network":"10.6.0.0/16"}')).toEqual({ ok: true, value: { network: '10.6.0.0/16', subnetLen: 24, backendType: 'udp' } });
    expect(parseFlannelConfig('{"Network":42}')).toMatchObject({ ok: false, problem: expect.stringContaining('not Flannel network JSON') });
    expect(parseFlannelConfig('not json')).toMatchObject({ ok: false });
  });

  it('reads a lease key and value into the subnet, host and backend in words', () => {
    const value = '{"PublicIP":"192.168.50.11","PublicIPv6":null,"BackendType":"vxlan","BackendData":{"VNI":1,"VtepMAC":"9e:2a:11:0c:7f:01"}}';
    expect(parseFlannelLease('10.5.34.0-24', value, 86_390)).toEqual({
      ok: true,
      value: { subnet: '10.5.34.0/24', publicIp: '192.168.50.11', backendType: 'vxlan', backendData: 'VNI 1 · VtepMAC 9e:2a:11:0c:7f:01', expiresInSeconds: 86_390 },
    });
    expect(parseFlannelLease('10.5.35.0-24', '{"PublicIP":"192.168.50.12","BackendType":"host-gw","BackendData":null}', null)).toMatchObject({
      ok: true,
      value: { backendType: 'host-gw', backendData: '', expiresInSeconds: null },
    });
  });

  it('names what is not a lease instead of dropping it silently', () => {
    expect(parseFlannelLease('10.5.34.0/24', '{"PublicIP":"192.168.50.11"}', null)).toEqual({ ok: false, problem: 'subnets/10.5.34.0/24: not a subnet key (a.b.c.d-len)' });
    expect(parseFlannelLease('10.5.300.0-24', '{"PublicIP":"192.168.50.11"}', null)).toMatchObject({ ok: false });
    expect(parseFlannelLease('10.5.34.0-24', '{"PublicIP":"not an ip"}', null)).toMatchObject({ ok: false, problem: expect.stringContaining('not a Flannel lease') });
  });

  it('sorts subnets by address, not by text', () => {
    const lease = (subnet: string) => ({ subnet, publicIp: '1.1.1.1', backendType: 'vxlan', backendData: '', expiresInSeconds: null });
    expect([lease('10.5.10.0/24'), lease('10.5.9.0/24')].sort(compareSubnets).map((l) => l.subnet)).toEqual(['10.5.9.0/24', '10.5.10.0/24']);
  });
});
