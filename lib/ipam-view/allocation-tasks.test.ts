import { describe, expect, it } from 'vitest';
import { allocationView } from './allocations';
import { filterAllocations, mergeStatuses } from './apply-event';
import { tasksByMac } from './engine-view';

describe('service tasks beside containers on the IP allocations page', () => {
  const engine = {
    host: 'h1',
    containers: [
      { name: 'web.2.k3j9x0', macs: ['06:00:00:00:00:02'], task: { service: 'web', slot: 2, taskId: 'k3j9x0', nodeId: 'node-h1' } },
      { name: 'plain', macs: ['06:00:00:00:00:03'] },
    ],
    nodeNames: new Map([['node-h1', 'h1']]),
  };
  const context = {
    live: new Set(['h1']),
    engineHost: 'h1',
    names: new Map([
      ['06:00:00:00:00:02', 'web.2.k3j9x0'],
      ['06:00:00:00:00:03', 'plain'],
    ]),
    tasks: tasksByMac(engine),
    now: Date.parse('2030-01-01T00:00:00Z'),
  };
  const record = (mac: string) => ({ kind: 'container' as const, host: 'h1', mac, at: '2030-01-01T00:00:00Z', nonce: 'n' });

  it("names a task container's service, slot and node (resolved to its host name); a standalone container has no task", () => {
    expect(allocationView('p', '10.0.0.2', record('06:00:00:00:00:02'), context)).toMatchObject({ container: 'web.2.k3j9x0', task: { service: 'web', slot: 2, node: 'h1' }, status: 'in-use' });
    expect(allocationView('p', '10.0.0.3', record('06:00:00:00:00:03'), context).task).toBeUndefined();
  });

  it('keeps an unknown node as its short id, and a fresh read brings the task to a row the feed added without one', () => {
    const tasks = tasksByMac({ ...engine, nodeNames: new Map() });
    expect(tasks.get('06:00:00:00:00:02')?.node).toBe('node-h1');
    const fromFeed = allocationView('p', '10.0.0.2', record('06:00:00:00:00:02'), { ...context, names: new Map(), tasks: new Map() });
    expect(fromFeed.task).toBeUndefined();
    const merged = mergeStatuses(new Map([['p 10.0.0.2', fromFeed]]), [allocationView('p', '10.0.0.2', record('06:00:00:00:00:02'), context)]);
    expect(merged.get('p 10.0.0.2')).toMatchObject({ task: { service: 'web', slot: 2 }, status: 'in-use' });
  });

  it('finds rows by service name and node in the filter', () => {
    const rows = [allocationView('p', '10.0.0.2', record('06:00:00:00:00:02'), context), allocationView('p', '10.0.0.3', record('06:00:00:00:00:03'), context)];
    expect(filterAllocations(rows, { text: 'web', status: 'all' }).map((row) => row.address)).toEqual(['10.0.0.2']);
  });
});
