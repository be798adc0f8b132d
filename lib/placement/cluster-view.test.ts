import { describe, expect, it } from 'vitest';
import { toClusterView } from './cluster-view';
import { containerOn, upHost } from './testing-inventory';

describe('toClusterView', () => {
  it('shows each core with its holder, free memory and running counts; a down host with its reason', () => {
    const view = toClusterView(
      [
        upHost('h2', {
          cpus: 3,
          reservedMemoryBytes: 512 * 1024 ** 2,
          containers: [containerOn('web'), { ...containerOn('old'), running: false }],
          usedCores: { 0: { kind: 'exclusive', holders: ['web'] }, 2: { kind: 'shared', holders: ['a', 'b'] } },
        }),
        { state: 'down', host: 'h1', reason: 'no answer' },
      ],
      'binpack',
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(view).toEqual({
      strategy: 'binpack',
      readAt: '2026-01-01T00:00:00.000Z',
      hosts: [
        { state: 'down', host: 'h1', reason: 'no answer' },
        {
          state: 'up',
          host: 'h2',
          cores: [
            { core: 0, state: 'exclusive', holders: ['web'] },
            { core: 1, state: 'free', holders: [] },
            { core: 2, state: 'shared', holders: ['a', 'b'] },
          ],
          freeCores: 1,
          memoryBytes: 2 * 1024 ** 3,
          reservedMemoryBytes: 512 * 1024 ** 2,
          freeMemoryBytes: 1536 * 1024 ** 2,
          running: 1,
          containers: 2,
          labels: {},
        },
      ],
    });
  });
});
