import { describe, expect, it } from 'vitest';
import { addressGrid, describeGrid, usageByHost } from './address-grid';
import type { IpamAllocationView, IpamPoolView } from './types';

const pool: IpamPoolView = {
  poolId: '10.199.0.0-24',
  subnet: '10.199.0.0/24',
  router: '10.199.0.254',
  containerRanges: [{ start: '10.199.0.100', end: '10.199.0.109', size: 10 }],
  hostRanges: [{ start: '10.199.0.1', end: '10.199.0.9', size: 9 }],
  size: 10,
  used: 4,
  free: 6,
  hostAddresses: [{ address: '10.199.0.1', host: 'h1', live: true }],
};
const allocation = (address: string, over: Partial<IpamAllocationView> = {}): IpamAllocationView => ({
  poolId: pool.poolId,
  address,
  kind: 'container',
  host: 'h1',
  holders: ['h1'],
  mac: '06:00:00:00:00:01',
  since: '2030-01-01T00:00:00Z',
  container: null,
  status: 'in-use',
  ...over,
});
const allocations = [
  allocation('10.199.0.100', { container: 'web1' }),
  allocation('10.199.0.101', { container: 'web.2.x', task: { service: 'web', slot: 2, node: 'h2' }, host: 'h2' }),
  allocation('10.199.0.102', { status: 'leaked' }),
  allocation('10.199.0.103', { status: 'parked' }),
  allocation('10.199.0.5', { kind: 'aux', holders: ['h1', 'h2'], status: 'reserved', mac: null }),
  allocation('10.200.0.5', { poolId: 'other' }),
];

describe('addressGrid', () => {
  const grid = addressGrid(pool, allocations);
  const cell = (address: string) => grid.cells.find((entry) => entry.address === address);

  it('draws every address of a /24 in 16 columns, each coloured by its holder', () => {
    expect(grid.cells).toHaveLength(256);
    expect(grid.columns).toBe(16);
    expect(cell('10.199.0.0')).toEqual({ address: '10.199.0.0', state: 'reserved', holder: 'network address' });
    expect(cell('10.199.0.255')?.holder).toBe('broadcast address');
    expect(cell('10.199.0.254')).toMatchObject({ state: 'gateway', holder: 'router (DefaultGatewayIPv4)' });
    expect(cell('10.199.0.1')).toMatchObject({ state: 'host', holder: 'host h1' });
    expect(cell('10.199.0.2')).toMatchObject({ state: 'outside', holder: 'host range, not taken' });
    expect(cell('10.199.0.5')).toMatchObject({ state: 'reserved', holder: 'aux address reserved by h1, h2' });
    expect(cell('10.199.0.100')).toMatchObject({ state: 'container', holder: 'container web1 on h1' });
    expect(cell('10.199.0.101')).toMatchObject({ state: 'task', holder: 'service task web.2 on h2 (web.2.x)' });
    expect(cell('10.199.0.102')?.state).toBe('leaked');
    expect(cell('10.199.0.103')?.holder).toMatch(/^kept for a stopped container/);
    expect(cell('10.199.0.104')).toMatchObject({ state: 'free', holder: 'free' });
    expect(cell('10.199.0.110')?.state).toBe('outside');
  });

  it('counts each state for the text alternative, and leaves out what a big subnet has past the limit', () => {
    expect(grid.counts).toMatchObject({ free: 6, container: 2, task: 1, leaked: 1, host: 1, gateway: 1, reserved: 3 });
    expect(describeGrid(grid)).toMatch(/^10\.199\.0\.0\/24: 6 free \(container range\), 2 container, 1 service task, 1 host, 1 gateway \/ router, 3 reserved \/ aux, 1 leaked or host gone, \d+ not in a range\.$/);
    const big = addressGrid({ ...pool, subnet: '10.199.0.0/22', poolId: 'big' }, [], 512);
    expect(big).toMatchObject({ columns: 32, omitted: 512 });
    expect(big.cells).toHaveLength(512);
    expect(describeGrid(big)).toMatch(/512 more addresses not drawn\.$/);
  });

  it('counts container addresses per host, busiest first', () => {
    expect(usageByHost(pool, allocations)).toEqual([
      { host: 'h1', used: 3 },
      { host: 'h2', used: 1 },
    ]);
  });
});
