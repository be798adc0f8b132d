import { afterAll, describe, expect, it } from 'vitest';
import type { ContainerContext } from './context';
import { reachableEnginesOf } from './context-engines';
import { discoverNodeEngines, SwarmEngineDiscovery } from './engine-discovery';
import { engineHandleFor, stopEngines, type EngineHandle } from './engines';

// The stack's dockerd is a single-node swarm manager: discovery finds exactly that node.
const managerUrl = process.env.SHIPYARD_DOCKER ?? '';
const started: EngineHandle[] = [];
const handle = (url: string) => {
  const made = engineHandleFor(url, {});
  started.push(made);
  return made;
};
afterAll(() => stopEngines(started));

describe('engine discovery from the swarm', () => {
  it("yields the single node's address as tcp://<address>:<port>, marked as the manager itself", async () => {
    const manager = handle(managerUrl);
    const info = await manager.client.info();
    const { engines, problems } = await discoverNodeEngines(manager.client, 2376);
    expect(problems).toEqual([]);
    expect(engines).toHaveLength(1);
    expect(engines[0]).toMatchObject({ nodeId: info.Swarm?.NodeID, address: info.Swarm?.NodeAddr, url: `tcp://${info.Swarm?.NodeAddr}:2376`, self: true, state: 'ready' });

    // The manager stays SHIPYARD_DOCKER: it is not added a second time.
    const discovery = new SwarmEngineDiscovery(manager, 2376, handle);
    const found = await discovery.handles();
    expect(found.handles).toEqual([]);
    expect(found.problems).toEqual([]);
  });

  it('shows an unreachable discovered engine as down with its reason, beside the engines that answer', async () => {
    const manager = handle(managerUrl);
    const dead = handle('tcp://127.0.0.1:1');
    const context: ContainerContext = {
      handles: [manager],
      discovery: { handles: async () => ({ handles: [dead], nodes: new Map([[dead.url, 'gone-node']]), problems: [] }) },
      flatNetwork: null,
    };
    const { engines, unreachable } = await reachableEnginesOf(context);
    expect(engines.map((engine) => engine.url)).toEqual([managerUrl]);
    expect(unreachable).toEqual([{ url: 'tcp://127.0.0.1:1', message: expect.stringMatching(/^Engine tcp:\/\/127\.0\.0\.1:1 on swarm node gone-node is down: .*ECONNREFUSED/) }]);
  });
});
