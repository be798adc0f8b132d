import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../lib/ipam/ipv4';
import type { SubnetConfig } from '../../lib/ipam/subnet-config';
import { UsageError } from '../args';
import { choosePool } from './create-swarm-network';

function pool(subnet: string): SubnetConfig {
  return { poolId: subnet.replace('/', '-'), subnet: parseCidr(subnet), containerRanges: [], hostRanges: [] };
}

describe('choosePool (create-network --scope swarm)', () => {
  it('takes the only pool without --subnet, and the matching one with it', () => {
    expect(choosePool([pool('10.199.0.0/24')], undefined).poolId).toBe('10.199.0.0-24');
    expect(choosePool([pool('10.199.0.0/24'), pool('10.198.0.0/24')], '10.198.0.0/24').poolId).toBe('10.198.0.0-24');
  });

  it('asks for --subnet when there are several pools or none, and names the pools', () => {
    expect(() => choosePool([pool('10.199.0.0/24'), pool('10.198.0.0/24')], undefined)).toThrow(/pass --subnet: etcd has several pools \(10\.199\.0\.0\/24, 10\.198\.0\.0\/24\)/);
    expect(() => choosePool([], undefined)).toThrow(/no pool \(make one with ip-range and host-range\)/);
    expect(() => choosePool([pool('10.199.0.0/24')], '10.197.0.0/24')).toThrow(UsageError);
  });
});
