import { describe, expect, it } from 'vitest';
import { describePoolState, normalizeSubnet, subnetPoolState } from './pool-state';
import type { IpamPoolView } from './types';

const pool = (over: Partial<IpamPoolView> = {}): IpamPoolView => ({
  poolId: '10.199.0.0-24',
  subnet: '10.199.0.0/24',
  router: '10.199.0.254',
  containerRanges: [{ start: '10.199.0.100', end: '10.199.0.199', size: 100 }],
  hostRanges: [{ start: '10.199.0.1', end: '10.199.0.9', size: 9 }],
  size: 100,
  used: 3,
  free: 97,
  hostAddresses: [],
  ...over,
});

describe('subnetPoolState', () => {
  it('normalizes the typed subnet to its network address and refuses what is not CIDR', () => {
    expect(normalizeSubnet(' 10.199.0.7/24 ')).toBe('10.199.0.0/24');
    expect(normalizeSubnet('10.199.0.0')).toBeUndefined();
    expect(normalizeSubnet('10.199.0.0/31')).toBeUndefined();
    expect(subnetPoolState([pool()], '10.199')).toEqual({ state: 'invalid' });
  });

  it('tells no pool, a pool without a container range, a full pool and a ready one apart', () => {
    expect(subnetPoolState([pool()], '10.198.0.0/24')).toEqual({ state: 'no-pool', subnet: '10.198.0.0/24' });
    expect(subnetPoolState([pool({ containerRanges: [], size: 0, free: 0, used: 0 })], '10.199.0.0/24').state).toBe('no-container-range');
    expect(subnetPoolState([pool({ used: 100, free: 0 })], '10.199.0.0/24').state).toBe('full');
    expect(subnetPoolState([pool()], '10.199.0.1/24').state).toBe('ready');
  });

  it('describes each state with the ranges and counts a user checks', () => {
    expect(describePoolState(subnetPoolState([pool()], '10.199.0.0/24'))).toBe('The pool 10.199.0.0/24: 97 of 100 container addresses free (10.199.0.100–10.199.0.199).');
    expect(describePoolState(subnetPoolState([pool({ containerRanges: [] })], '10.199.0.0/24'))).toMatch(/has host addresses \(10\.199\.0\.1–10\.199\.0\.9\) but no container range/);
    expect(describePoolState(subnetPoolState([], '10.199.0.0/24'))).toMatch(/^No pool for 10\.199\.0\.0\/24/);
    expect(describePoolState(subnetPoolState([pool({ used: 100, free: 0 })], '10.199.0.0/24'))).toMatch(/is full: 100 of 100/);
  });
});
