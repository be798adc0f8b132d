// Swarm nodes in the console's shape, and the changes a swarm writer makes to them (drain,
// pause, activate, promote, demote, labels), each an update against the node's current version.
import { naturalCompare } from '@/lib/format/natural-sort';
import type { EngineClient } from '@/lib/docker/engine-client';
import type { SwarmNodeJson, SwarmNodeSpec } from '@/lib/docker/engine-shapes';
import { refuseLosingLastManager } from './last-manager';
import type { UpdateNodeInput } from './node-schema';

export interface NodeView {
  readonly id: string;
  readonly hostname: string;
  readonly role: 'manager' | 'worker';
  readonly availability: 'active' | 'pause' | 'drain';
  readonly state: string;
  readonly address: string;
  readonly managerAddress: string | null;
  /** A manager's raft reachability (reachable, unreachable); null for a worker. */
  readonly reachability: string | null;
  readonly leader: boolean;
  readonly engineVersion: string;
  readonly cpus: number;
  readonly memoryBytes: number;
  readonly labels: Readonly<Record<string, string>>;
}

/** Docker's node JSON, typed at the Docker boundary. */
export type NodeShape = SwarmNodeJson;

export function toNodeView(node: NodeShape): NodeView {
  return {
    id: node.ID,
    hostname: node.Description?.Hostname ?? node.ID.slice(0, 12),
    role: node.Spec?.Role ?? 'worker',
    availability: node.Spec?.Availability ?? 'active',
    state: node.Status?.State ?? 'unknown',
    address: node.Status?.Addr ?? '',
    managerAddress: node.ManagerStatus?.Addr ?? null,
    reachability: node.ManagerStatus?.Reachability ?? null,
    leader: node.ManagerStatus?.Leader ?? false,
    engineVersion: node.Description?.Engine?.EngineVersion ?? 'unknown',
    cpus: (node.Description?.Resources?.NanoCPUs ?? 0) / 1e9,
    memoryBytes: node.Description?.Resources?.MemoryBytes ?? 0,
    labels: node.Spec?.Labels ?? {},
  };
}

export async function listNodes(docker: EngineClient): Promise<NodeView[]> {
  return (await docker.listNodes()).map(toNodeView).sort((a, b) => naturalCompare(a.hostname, b.hostname));
}


function labelsAfter(current: Record<string, string>, input: UpdateNodeInput): Record<string, string> {
  const removed = new Set(input.removeLabels ?? []);
  return Object.fromEntries(Object.entries({ ...(input.labels ?? current), ...input.addLabels }).filter(([key]) => !removed.has(key)));
}

export async function updateNode(docker: EngineClient, id: string, input: UpdateNodeInput): Promise<NodeView> {
  const current = await docker.inspectNode(id);
  if (input.role === 'worker' && current.Spec?.Role === 'manager') await refuseLosingLastManager(docker, toNodeView(current), 'demote');
  const spec: SwarmNodeSpec = {
    ...current.Spec,
    ...(input.availability ? { Availability: input.availability } : {}),
    ...(input.role ? { Role: input.role } : {}),
    Labels: labelsAfter(current.Spec?.Labels ?? {}, input),
  };
  await docker.updateNode(id, current.Version?.Index ?? 0, spec);
  return toNodeView(await docker.inspectNode(id));
}
