// Swarm nodes in the console's shape, and the changes a swarm writer makes to them (drain,
// pause, activate, promote, demote, labels), each an update against the node's current version.
import type Docker from 'dockerode';
import { translateDockerError } from '@/lib/docker/docker-errors';
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

interface NodeSpecShape {
  Role?: 'manager' | 'worker';
  Availability?: 'active' | 'pause' | 'drain';
  Labels?: Record<string, string>;
  Name?: string;
}

export interface NodeShape {
  ID: string;
  Version?: { Index?: number };
  Spec?: NodeSpecShape;
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string }; Resources?: { NanoCPUs?: number; MemoryBytes?: number } };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Addr?: string; Reachability?: string } | null;
}

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

export async function listNodes(docker: Docker, endpoint: string): Promise<NodeView[]> {
  try {
    return ((await docker.listNodes()) as NodeShape[]).map(toNodeView).sort((a, b) => a.hostname.localeCompare(b.hostname));
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
}


function labelsAfter(current: Record<string, string>, input: UpdateNodeInput): Record<string, string> {
  const removed = new Set(input.removeLabels ?? []);
  return Object.fromEntries(Object.entries({ ...(input.labels ?? current), ...input.addLabels }).filter(([key]) => !removed.has(key)));
}

export async function updateNode(docker: Docker, endpoint: string, id: string, input: UpdateNodeInput): Promise<NodeView> {
  try {
    const node = docker.getNode(id);
    const current = (await node.inspect()) as NodeShape;
    if (input.role === 'worker' && current.Spec?.Role === 'manager') await refuseLosingLastManager(docker, toNodeView(current), 'demote');
    const spec: NodeSpecShape = {
      ...current.Spec,
      ...(input.availability ? { Availability: input.availability } : {}),
      ...(input.role ? { Role: input.role } : {}),
      Labels: labelsAfter(current.Spec?.Labels ?? {}, input),
    };
    await node.update({ _query: { version: current.Version?.Index ?? 0 }, _body: spec });
    return toNodeView((await node.inspect()) as NodeShape);
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
}
