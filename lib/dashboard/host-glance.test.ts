import { describe, expect, it } from 'vitest';
import { hostGlance } from './host-glance';

describe('hostGlance', () => {
  it('counts running and all containers per host, names a silent engine by its URL with the reason, in natural order', async () => {
    const engine = (Name: string, ContainersRunning: number, Containers: number) => ({ url: `tcp://${Name}:2375`, client: { info: async () => ({ Name, ContainersRunning, Containers }) } });
    const down = { url: 'tcp://h3:2375', client: { info: async () => Promise.reject(new Error('The Docker engine at h3 is unreachable')) } };
    expect(await hostGlance([engine('h10', 1, 2), down, engine('h2', 3, 5)])).toEqual([
      { host: 'h2', running: 3, total: 5, problem: null },
      { host: 'h10', running: 1, total: 2, problem: null },
      { host: 'tcp://h3:2375', running: 0, total: 0, problem: 'The Docker engine at h3 is unreachable' },
    ]);
  });
});
