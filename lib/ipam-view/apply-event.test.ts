import { describe, expect, it } from 'vitest';
import { allocationKey, applyIpamEvent, compareAddresses, filterAllocations, mergeStatuses, sortByAddress } from './apply-event';
import type { IpamAllocationView } from './types';

const allocation = (address: string, extra: Partial<IpamAllocationView> = {}): IpamAllocationView => ({
  poolId: 'p',
  address,
  kind: 'container',
  host: 'h1',
  holders: ['h1'],
  mac: '02:42:00:00:00:01',
  since: '2030-01-01T00:00:00Z',
  container: null,
  status: 'unknown',
  ...extra,
});

describe('the browser copy of the allocations', () => {
  it('adds and removes rows, and a replayed revision changes nothing', () => {
    const event = { revision: '5', changes: [{ type: 'allocated' as const, allocation: allocation('10.0.0.2') }, { type: 'released' as const, poolId: 'p', address: '10.0.0.3' }] };
    const start = new Map([[allocationKey(allocation('10.0.0.3')), allocation('10.0.0.3')]]);
    const once = applyIpamEvent(start, event);
    expect([...once.keys()]).toEqual(['p 10.0.0.2']);
    expect(applyIpamEvent(once, event)).toEqual(once);
  });

  it('takes names from a fresh read only for the same allocation', () => {
    const held = new Map([[allocationKey(allocation('10.0.0.2')), allocation('10.0.0.2')]]);
    const merged = mergeStatuses(held, [allocation('10.0.0.2', { container: 'web', status: 'in-use' }), allocation('10.0.0.9', { container: 'x' })]);
    expect([...merged.values()]).toEqual([allocation('10.0.0.2', { container: 'web', status: 'in-use' })]);
    const reused = mergeStatuses(held, [allocation('10.0.0.2', { since: '2031-01-01T00:00:00Z', container: 'other' })]);
    expect(reused.get('p 10.0.0.2')?.container).toBeNull();
  });

  it('filters by text and status and sorts addresses numerically', () => {
    const rows = [allocation('10.0.0.10', { container: 'web', status: 'in-use' }), allocation('10.0.0.9', { status: 'leaked' })];
    expect(filterAllocations(rows, { text: 'WEB', status: 'all' }).map((row) => row.address)).toEqual(['10.0.0.10']);
    expect(filterAllocations(rows, { text: '', status: 'leaked' }).map((row) => row.address)).toEqual(['10.0.0.9']);
    expect([...rows].sort(compareAddresses).map((row) => row.address)).toEqual(['10.0.0.9', '10.0.0.10']);
    expect(sortByAddress(rows).map((row) => row.address)).toEqual(['10.0.0.9', '10.0.0.10']);
  });
});
