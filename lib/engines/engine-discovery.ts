// Engines found on the swarm's nodes (SHIPYARD_ENGINE_DISCOVERY=swarm): one tcp://<node
// address>:<SHIPYARD_ENGINE_PORT> per node, besides the manager that SHIPYARD_DOCKER names.
import type { EngineClient } from '@/lib/docker/engine-client';
import { systemCaller } from '@/lib/docker/engine-request';
import { listNodes, type NodeView } from '@/lib/swarm/nodes';
import type { EngineHandle, EngineProblem } from './engines';

/** One swarm node and the engine URL the console would use for it. */
export interface NodeEngine {
  nodeId: string;
  hostname: string;
  address: string;
  url: string;
  /** The node the console talks to as SHIPYARD_DOCKER: not added a second time. */
  self: boolean;
  /** The swarm's view: a node it reports down is not dialled (it would only time out). */
  state: string;
}

/** tcp://address:port, with an IPv6 address in brackets. */
export function engineUrlFor(address: string, port: number): string {
  const host = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  return `tcp://${host}:${port}`;
}

/** The address a node is reached at: its status address, else (0.0.0.0 on some managers) its manager address's host. */
export function nodeAddress(node: Pick<NodeView, 'address' | 'managerAddress'>): string | null {
  const usable = (address: string) => address !== '' && address !== '0.0.0.0' && address !== '::';
  if (usable(node.address)) return node.address;
  const manager = node.managerAddress?.replace(/:\d+$/, '').replace(/^\[|\]$/g, '') ?? '';
  return usable(manager) ? manager : null;
}

/** Each node's engine URL; a node without a usable address is named in `problems`. */
export function nodeEngines(nodes: readonly NodeView[], selfId: string | null, port: number): { engines: NodeEngine[]; problems: EngineProblem[] } {
  const engines: NodeEngine[] = [];
  const problems: EngineProblem[] = [];
  for (const node of nodes) {
    const address = nodeAddress(node);
    if (address === null) {
      problems.push({ url: `swarm node ${node.hostname}`, message: `Swarm node ${node.hostname} reports no address: its engine cannot be reached` });
      continue;
    }
    engines.push({ nodeId: node.id, hostname: node.hostname, address, url: engineUrlFor(address, port), self: node.id === selfId, state: node.state });
  }
  return { engines, problems };
}

/** Asks the manager for its swarm's nodes and which of them it is itself. */
export async function discoverNodeEngines(manager: EngineClient, port: number): Promise<{ engines: NodeEngine[]; problems: EngineProblem[] }> {
  const info = await manager.info();
  if (info.Swarm?.LocalNodeState !== 'active' || !info.Swarm.ControlAvailable) {
    return { engines: [], problems: [{ url: manager.url, message: `Engine discovery: ${manager.url} is not a swarm manager, so it cannot list the swarm's nodes` }] };
  }
  return nodeEngines(await listNodes(manager), info.Swarm.NodeID ?? null, port);
}

const REFRESH_MS = 30_000;

/** The discovered engines' handles, the node each is on (by URL), and what could not be used. */
export interface DiscoveredEngines {
  handles: EngineHandle[];
  nodes: ReadonlyMap<string, string>;
  problems: EngineProblem[];
}

/**
 * The discovered engines' handles, refreshed at most every 30 s. A handle is kept while its
 * node stays in the swarm (its event stream and caches with it) and stopped once it leaves.
 */
export class SwarmEngineDiscovery {
  private known = new Map<string, EngineHandle>();
  private last: { at: number; result: Promise<DiscoveredEngines> } | null = null;

  constructor(
    private readonly manager: EngineHandle,
    private readonly port: number,
    private readonly makeHandle: (url: string) => EngineHandle,
    private readonly now: () => number = Date.now,
  ) {}

  /** The handles to use besides the configured ones, and what could not be used (shown as down). */
  handles(): Promise<DiscoveredEngines> {
    if (!this.last || this.now() - this.last.at >= REFRESH_MS) {
      const result = this.discover();
      this.last = { at: this.now(), result };
      // A failed discovery is tried again on the next request, not cached for 30 s.
      result.then((value) => {
        if (value.problems.some((problem) => problem.url === this.manager.url)) this.last = null;
      }, () => undefined);
    }
    return this.last.result;
  }

  private async discover(): Promise<DiscoveredEngines> {
    let found;
    try {
      found = await discoverNodeEngines(this.manager.client.as(systemCaller('engine-discovery')), this.port);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { handles: [], nodes: new Map(), problems: [{ url: this.manager.url, message: `Engine discovery failed: ${reason}` }] };
    }
    const problems = [...found.problems];
    const handles: EngineHandle[] = [];
    const nodes = new Map<string, string>();
    const seen = new Set<string>();
    for (const node of found.engines) {
      if (node.self || seen.has(node.url)) continue;
      seen.add(node.url);
      if (node.state === 'down') {
        problems.push({ url: node.url, message: `Engine ${node.url} (swarm node ${node.hostname}) is down: the swarm reports the node down` });
        continue;
      }
      let handle = this.known.get(node.url);
      if (!handle) {
        try {
          handle = this.makeHandle(node.url);
        } catch (error) {
          problems.push({ url: node.url, message: error instanceof Error ? error.message : String(error) });
          continue;
        }
        this.known.set(node.url, handle);
      }
      handles.push(handle);
      nodes.set(node.url, node.hostname);
    }
    for (const [url, handle] of this.known) {
      if (!seen.has(url)) {
        handle.inventory.stop();
        handle.limits.stop();
        this.known.delete(url);
      }
    }
    return { handles, nodes, problems };
  }
}
