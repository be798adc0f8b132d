import { describe, expect, it } from 'vitest';
import { OverlappingRangeError } from './errors';
import { parseIpv4 } from './ipv4';
import { assertNoOverlap, formatRange, parseRangeFlags, rangeSize } from './ranges';

const ip = (text: string) => parseIpv4(text) ?? -1;

describe('address ranges', () => {
  it('reads the seed flags into one subnet range', () => {
    const { subnet, range } = parseRangeFlags('192.168.0.11/24', '192.168.0.250/24');
    expect(subnet.prefixLength).toBe(24);
    expect(formatRange(range)).toBe('192.168.0.11-192.168.0.250');
    expect(rangeSize(range)).toBe(240);
  });

  it('refuses reversed ranges, mixed subnets and network/broadcast ends', () => {
    expect(() => parseRangeFlags('10.0.0.9/24', '10.0.0.3/24')).toThrow('the range is reversed');
    expect(() => parseRangeFlags('10.0.0.9/24', '10.0.1.3/24')).toThrow('are in different subnets');
    expect(() => parseRangeFlags('10.0.0.9/24', '10.0.0.9/25')).toThrow('are in different subnets');
    expect(() => parseRangeFlags('10.0.0.1/24', '10.0.0.255/24')).toThrow('network or broadcast address');
  });

  it('names the range a new one overlaps', () => {
    const existing = [{ owner: 'host', range: { start: ip('10.0.0.1'), end: ip('10.0.0.9') } }];
    expect(() => assertNoOverlap({ start: ip('10.0.0.10'), end: ip('10.0.0.20') }, existing)).not.toThrow();
    expect(() => assertNoOverlap({ start: ip('10.0.0.9'), end: ip('10.0.0.20') }, existing)).toThrow(OverlappingRangeError);
    expect(() => assertNoOverlap({ start: ip('10.0.0.9'), end: ip('10.0.0.20') }, existing)).toThrow('overlaps the host range 10.0.0.1-10.0.0.9');
  });
});
