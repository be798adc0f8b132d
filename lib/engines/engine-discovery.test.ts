import { describe, expect, it } from 'vitest';
import type { NodeView } from '@/lib/swarm/nodes';
import { engineUrlFor, nodeAddress, nodeEngines } from './engine-discovery';

function node(id: string, hostname: string, address: string, extra: Partial<NodeView> = {}): NodeView {
  return {
    id,
    hostname,
    role: 'worker',
    availability: 'active',
    state: 'ready',
    address,
    managerAddress: null,
    reachability: null,
    leader: false,
    engineVersion: '24.0',
    cpus: 1,
    memoryBytes: 1,
    labels: {},
    ...extra,
  };
}

describe('engine URLs of swarm nodes', () => {
  it('builds tcp://address:port, bracketing IPv6', () => {
    expect(engineUrlFor('10.0.0.2', 2376)).toBe('tcp://10.0.0.2:2376');
    expect(engineUrlFor('fd00::2', 2376)).toBe('tcp://[fd00::2]:2376');
    expect(engineUrlFor('[fd00::2]', 2375)).toBe('tcp://[fd00::2]:2375');
  });

  it("takes the node's address, else its manager address's host when the node says 0.0.0.0", () => {
    expect(nodeAddress({ address: '10.0.0.3', managerAddress: null })).toBe('10.0.0.3');
    expect(nodeAddress({ address: '0.0.0.0', managerAddress: '10.0.0.1:2377' })).toBe('10.0.0.1');
    expect(nodeAddress({ address: '', managerAddress: '[fd00::1]:2377' })).toBe('fd00::1');
    expect(nodeAddress({ address: '0.0.0.0', managerAddress: null })).toBeNull();
  });

  it('marks the manager itself, keeps the swarm state, and names a node without an address as a problem', () => {
    const nodes = [
      node('m1', 'h1', '0.0.0.0', { role: 'manager', managerAddress: '10.198.0.1:2377' }),
      node('w2', 'h2', '10.198.0.2'),
      node('w3', 'h3', '10.198.0.3', { state: 'down' }),
      node('w4', 'h4', ''),
    ];
    const { engines, problems } = nodeEngines(nodes, 'm1', 2376);
    expect(engines).toEqual([
      { nodeId: 'm1', hostname: 'h1', address: '10.198.0.1', url: 'tcp://10.198.0.1:2376', self: true, state: 'ready' },
      { nodeId: 'w2', hostname: 'h2', address: '10.198.0.2', url: 'tcp://10.198.0.2:2376', self: false, state: 'ready' },
      { nodeId: 'w3', hostname: 'h3', address: '10.198.0.3', url: 'tcp://10.198.0.3:2376', self: false, state: 'down' },
    ]);
    expect(problems).toEqual([{ url: 'swarm node h4', message: 'Swarm node h4 reports no address: its engine cannot be reached' }]);
  });
});
