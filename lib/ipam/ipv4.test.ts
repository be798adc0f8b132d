import { describe, expect, it } from 'vitest';
import { broadcastOf, formatCidr, formatIpv4, parseAddressWithPrefix, parseCidr, parseIpv4 } from './ipv4';

describe('IPv4 math', () => {
  it('parses and formats addresses strictly', () => {
    expect(parseIpv4('10.199.0.1')).toBe(0x0ac70001);
    expect(formatIpv4(0xffffffff)).toBe('255.255.255.255');
    for (const bad of ['10.199.0', '10.199.0.256', '010.1.1.1', '1.2.3.4.5', ' 1.2.3.4', '1.2.3.x', '']) expect(parseIpv4(bad)).toBeUndefined();
  });

  it('reads subnets and refuses host bits, bad lengths and garbage with a hint', () => {
    expect(formatCidr(parseCidr('10.199.0.0/24'))).toBe('10.199.0.0/24');
    expect(broadcastOf(parseCidr('10.199.0.0/20'))).toBe(parseIpv4('10.199.15.255'));
    expect(() => parseCidr('10.199.0.5/24')).toThrow('has host bits set: did you mean 10.199.0.0/24?');
    expect(() => parseCidr('10.199.0.0/31')).toThrow('use a length from /8 to /30');
    expect(() => parseCidr('10.199.0.0')).toThrow('must be an IPv4 address with a prefix length');
    expect(() => parseCidr('10.1999.0.0/24')).toThrow('is not an IPv4 address');
  });

  it('keeps the host part of A/len and derives its network', () => {
    const { address, cidr } = parseAddressWithPrefix('192.168.1.77/26', '--ip-start');
    expect(formatIpv4(address)).toBe('192.168.1.77');
    expect(formatCidr(cidr)).toBe('192.168.1.64/26');
  });
});
