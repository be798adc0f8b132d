import { describe, expect, it } from 'vitest';
import type { CoreClaim } from './core-claims';
import { withClaims, type EngineReading } from './read-inventory';

const reading: EngineReading = {
  state: 'up',
  host: 'h1',
  cpus: 4,
  memoryBytes: 1024,
  labels: {},
  images: new Set(),
  networks: new Set(),
  containers: [
    { id: 'id-web', name: 'web', image: 'x', running: true, reservesMemory: true, cpuset: [0], memoryBytes: 100 },
    { id: 'id-pinned', name: 'pinned', image: 'x', running: true, reservesMemory: true, cpuset: [1, 2], memoryBytes: 200 },
    { id: 'id-stopped', name: 'stopped', image: 'x', running: false, reservesMemory: false, cpuset: [], memoryBytes: 300 },
  ],
};

const claim = (core: number, container: string | null): CoreClaim => ({
  host: 'h1',
  core,
  key: `cores/h1/${core}`,
  modRevision: '1',
  record: { kind: 'exclusive', holder: { claim: 'c', container, name: 'new-one', at: '2026-01-01T00:00:00Z' } },
});

describe('withClaims', () => {
  it('lays the claims over the engine: exclusive holders by name, cpusets outside the console shared, running memory reserved', () => {
    const [host] = withClaims([reading, { state: 'down', host: 'h2', reason: 'gone' }], [claim(0, 'id-web'), claim(3, null), { ...claim(0, 'x'), host: 'h9' }]);
    if (host?.state !== 'up') throw new Error('h1 should be up');
    expect(Object.fromEntries(host.cores)).toEqual({
      0: { kind: 'exclusive', holders: ['web'] },
      1: { kind: 'shared', holders: ['pinned'] },
      2: { kind: 'shared', holders: ['pinned'] },
      3: { kind: 'exclusive', holders: ['new-one (being created)'] },
    });
    expect(host.reservedMemoryBytes).toBe(300);
  });

  it('counts a created container\'s memory (docker run creates, then starts) but not a stopped one\'s', () => {
    const created = { id: 'id-new', name: 'new', image: 'x', running: false, reservesMemory: true, cpuset: [], memoryBytes: 400 };
    const [host] = withClaims([{ ...reading, containers: [...(reading.state === 'up' ? reading.containers : []), created] }], []);
    if (host?.state !== 'up') throw new Error('h1 should be up');
    expect(host.reservedMemoryBytes).toBe(700);
  });
});
