// Swarm nodes in the console's shape, and the admin's changes to them (drain, activate,
// promote, demote, labels), each an update against the node's current version.
import type Docker from 'dockerode';
import { z } from 'zod';
import { translateDockerError } from '@/lib/docker/docker-errors';

export interface NodeView {
  readonly id: string;
  readonly hostname: string;
  readonly role: 'manager' | 'worker';
  readonly availability: 'active' | 'pause' | 'drain';
  readonly state: string;
  readonly address: string;
  readonly managerAddress: string | null;
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

interface NodeShape {
  ID: string;
  Version?: { Index?: number };
  Spec?: NodeSpecShape;
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string }; Resources?: { NanoCPUs?: number; MemoryBytes?: number } };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Addr?: string } | null;
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

export const updateNodeSchema = z
  .object({
    availability: z.enum(['active', 'pause', 'drain'], { message: 'Choose active, pause or drain' }).optional(),
    role: z.enum(['manager', 'worker'], { message: 'Choose manager (promote) or worker (demote)' }).optional(),
    labels: z.record(z.string().min(1).max(128), z.string().max(256)).optional(),
  })
  .refine((input) => input.availability !== undefined || input.role !== undefined || input.labels !== undefined, {
    message: 'Give availability, role or labels to change',
  });
export type UpdateNodeInput = z.infer<typeof updateNodeSchema>;

export async function updateNode(docker: Docker, endpoint: string, id: string, input: UpdateNodeInput): Promise<NodeView> {
  try {
    const node = docker.getNode(id);
    const current = (await node.inspect()) as NodeShape;
    const spec: NodeSpecShape = {
      ...current.Spec,
      ...(input.availability ? { Availability: input.availability } : {}),
      ...(input.role ? { Role: input.role } : {}),
      ...(input.labels ? { Labels: input.labels } : {}),
    };
    await node.update({ version: current.Version?.Index ?? 0, ...spec });
    return toNodeView((await node.inspect()) as NodeShape);
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
}
