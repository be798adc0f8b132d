// Swarm services and their tasks in the console's shape; create, scale, update and remove.
// Options that reach the host are admin-only (host-escape.ts), as for containers.
import type Docker from 'dockerode';
import { z } from 'zod';
import { type LogLine, demuxDockerLog } from '@/lib/docker/demux-log';
import { translateDockerError } from '@/lib/docker/docker-errors';
import { AppError, ConflictError, ValidationError } from '@/lib/errors/app-error';
import type { Role } from '@/prisma-free-db/schemas/account';
import { serviceHostEscapes } from './host-escape';

export interface ServicePortView {
  readonly target: number;
  readonly published: number | null;
  readonly protocol: string;
  readonly mode: string;
}

export interface ServiceView {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly mode: 'replicated' | 'global';
  readonly replicasDesired: number | null;
  readonly replicasRunning: number;
  readonly networks: readonly string[];
  readonly ports: readonly ServicePortView[];
  readonly endpointMode: string;
  readonly constraints: readonly string[];
  readonly cpuLimit: number | null;
  readonly cpuReservation: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface TaskView {
  readonly id: string;
  readonly serviceId: string;
  readonly slot: number | null;
  readonly node: string;
  readonly state: string;
  readonly desiredState: string;
  readonly error: string | null;
  readonly image: string;
  readonly updatedAt: string;
}

interface ServiceShape {
  ID: string;
  PreviousSpec?: Docker.ServiceSpec;
  Version?: { Index?: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: Docker.ServiceSpec & { TaskTemplate?: Docker.ContainerTaskSpec };
  Endpoint?: { Ports?: Docker.PortConfig[] };
}

interface TaskShape {
  ID: string;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  UpdatedAt?: string;
  Status?: { State?: string; Err?: string; Message?: string };
  Spec?: Docker.ContainerTaskSpec;
}

// Docker pins images to a digest (image:tag@sha256:…) when it can: show what the user wrote.
const imageOf = (image: string | undefined) => (image ?? '').replace(/@sha256:[0-9a-f]+$/, '');

export function toServiceView(service: ServiceShape, running: number, networkNames: ReadonlyMap<string, string>): ServiceView {
  const task = service.Spec.TaskTemplate;
  const replicated = service.Spec.Mode?.Global === undefined;
  return {
    id: service.ID,
    name: service.Spec.Name ?? service.ID.slice(0, 12),
    image: imageOf(task?.ContainerSpec?.Image),
    mode: replicated ? 'replicated' : 'global',
    replicasDesired: replicated ? (service.Spec.Mode?.Replicated?.Replicas ?? 1) : null,
    replicasRunning: running,
    networks: (task?.Networks ?? []).map((network) => networkNames.get(network.Target ?? '') ?? network.Target ?? ''),
    ports: (service.Endpoint?.Ports ?? service.Spec.EndpointSpec?.Ports ?? []).map((port) => ({
      target: port.TargetPort ?? 0,
      published: port.PublishedPort ?? null,
      protocol: port.Protocol ?? 'tcp',
      mode: port.PublishMode ?? 'ingress',
    })),
    endpointMode: service.Spec.EndpointSpec?.Mode ?? 'vip',
    constraints: task?.Placement?.Constraints ?? [],
    cpuLimit: task?.Resources?.Limits?.NanoCPUs ? task.Resources.Limits.NanoCPUs / 1e9 : null,
    cpuReservation: task?.Resources?.Reservations?.NanoCPUs ? task.Resources.Reservations.NanoCPUs / 1e9 : null,
    createdAt: service.CreatedAt ?? '',
    updatedAt: service.UpdatedAt ?? '',
  };
}

async function networkNamesOf(docker: Docker): Promise<Map<string, string>> {
  const networks = await docker.listNetworks();
  return new Map(networks.map((network) => [network.Id, network.Name]));
}

async function runningCounts(docker: Docker, serviceId?: string): Promise<Map<string, number>> {
  const filters: Record<string, string[]> = { 'desired-state': ['running'], ...(serviceId ? { service: [serviceId] } : {}) };
  const tasks = (await docker.listTasks({ filters: JSON.stringify(filters) })) as TaskShape[];
  const counts = new Map<string, number>();
  for (const task of tasks) if (task.Status?.State === 'running') counts.set(task.ServiceID, (counts.get(task.ServiceID) ?? 0) + 1);
  return counts;
}

export async function listServices(docker: Docker, endpoint: string): Promise<ServiceView[]> {
  try {
    const [services, counts, names] = await Promise.all([
      docker.listServices() as Promise<ServiceShape[]>,
      runningCounts(docker),
      networkNamesOf(docker),
    ]);
    return services.map((service) => toServiceView(service, counts.get(service.ID) ?? 0, names)).sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
}

export async function inspectService(docker: Docker, endpoint: string, idOrName: string): Promise<ServiceView> {
  try {
    const service = (await docker.getService(idOrName).inspect()) as ServiceShape;
    const [counts, names] = await Promise.all([runningCounts(docker, service.ID), networkNamesOf(docker)]);
    return toServiceView(service, counts.get(service.ID) ?? 0, names);
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
}

export async function listServiceTasks(docker: Docker, endpoint: string, idOrName: string): Promise<TaskView[]> {
  try {
    const service = (await docker.getService(idOrName).inspect()) as ServiceShape;
    const [tasks, nodes] = await Promise.all([
      docker.listTasks({ filters: JSON.stringify({ service: [service.ID] }) }) as Promise<TaskShape[]>,
      docker.listNodes() as Promise<{ ID: string; Description?: { Hostname?: string } }[]>,
    ]);
    const hostnames = new Map(nodes.map((node) => [node.ID, node.Description?.Hostname ?? node.ID.slice(0, 12)]));
    return tasks
      .map((task) => ({
        id: task.ID,
        serviceId: task.ServiceID,
        slot: task.Slot ?? null,
        node: task.NodeID ? (hostnames.get(task.NodeID) ?? task.NodeID.slice(0, 12)) : '',
        state: task.Status?.State ?? 'unknown',
        desiredState: task.DesiredState ?? 'unknown',
        error: task.Status?.Err || null,
        image: imageOf(task.Spec?.ContainerSpec?.Image),
        updatedAt: task.UpdatedAt ?? '',
      }))
      .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || b.updatedAt.localeCompare(a.updatedAt));
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
}

const serviceName = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/, 'Use 1 to 63 letters, digits or dashes, starting with a letter or digit');
const image = z.string().trim().min(1, 'Name an image, e.g. nginx:1.27').max(512);
const cpus = (what: string) => z.number().positive(`${what} is a positive number of CPUs, e.g. 0.5`).max(1024);
const mount = z.strictObject({
  type: z.enum(['bind', 'volume', 'tmpfs']),
  source: z.string().max(4096).default(''),
  target: z.string().startsWith('/', 'The target is an absolute path in the container'),
  readOnly: z.boolean().default(false),
});

const serviceFields = {
  image,
  replicas: z.number().int().min(0).max(1000),
  command: z.array(z.string()).max(100),
  env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*=/, 'Write each variable as NAME=value')).max(500),
  networks: z.array(z.string().trim().min(1)).max(20),
  constraints: z.array(z.string().trim().regex(/^[a-zA-Z0-9_.-]+\s*(==|!=)\s*\S+$/, 'Write a constraint as node.role==manager or node.labels.zone!=a')).max(50),
  cpuLimit: cpus('cpuLimit'),
  cpuReservation: cpus('cpuReservation'),
  mounts: z.array(mount).max(50),
  capAdd: z.array(z.string().regex(/^[A-Z_]+$/, 'Capabilities are upper case, e.g. NET_ADMIN')).max(50),
  privileged: z.boolean(),
};

export const createServiceSchema = z.strictObject({
  name: serviceName,
  mode: z.enum(['replicated', 'global']).default('replicated'),
  endpointMode: z.enum(['vip', 'dnsrr']).default('vip'),
  ports: z
    .array(
      z.strictObject({
        target: z.number().int().min(1).max(65535),
        published: z.number().int().min(1).max(65535).optional(),
        protocol: z.enum(['tcp', 'udp']).default('tcp'),
        mode: z.enum(['ingress', 'host']).default('ingress'),
      }),
    )
    .max(50)
    .default([]),
  labels: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
  image: serviceFields.image,
  replicas: serviceFields.replicas.default(1),
  command: serviceFields.command.optional(),
  env: serviceFields.env.default([]),
  networks: serviceFields.networks.default([]),
  constraints: serviceFields.constraints.default([]),
  cpuLimit: serviceFields.cpuLimit.optional(),
  cpuReservation: serviceFields.cpuReservation.optional(),
  mounts: serviceFields.mounts.default([]),
  capAdd: serviceFields.capAdd.default([]),
  privileged: serviceFields.privileged.default(false),
});
export type CreateServiceInput = z.infer<typeof createServiceSchema>;

/** Scale, a rolling image update, and the other fields a running service may change. */
export const updateServiceSchema = z
  .strictObject({
    image: serviceFields.image.optional(),
    replicas: serviceFields.replicas.optional(),
    env: serviceFields.env.optional(),
    networks: serviceFields.networks.optional(),
    constraints: serviceFields.constraints.optional(),
    cpuLimit: serviceFields.cpuLimit.nullable().optional(),
    mounts: serviceFields.mounts.optional(),
    capAdd: serviceFields.capAdd.optional(),
    privileged: serviceFields.privileged.optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: 'Give at least one field to change, e.g. {"replicas": 3}' });
export type UpdateServiceInput = z.infer<typeof updateServiceSchema>;

class HostEscapeForbiddenError extends AppError {
  constructor(reasons: string[], role: Role) {
    super('FORBIDDEN', `Only admins may give a service ${reasons.join(', ')}: they reach the host. Your account has the ${role} role`);
  }
}

/** Admin-only host access, and what swarm cannot do at all, before anything reaches Docker. */
function checkHostAccess(input: { mounts?: CreateServiceInput['mounts']; capAdd?: string[]; networks?: string[]; privileged?: boolean }, role: Role): void {
  const reasons = [...serviceHostEscapes(input), ...(input.privileged ? ['privileged mode'] : [])];
  if (reasons.length > 0 && role !== 'admin') throw new HostEscapeForbiddenError(reasons, role);
  if (input.privileged) {
    const message = 'Swarm services cannot run privileged (Docker has no such service option): add only the capabilities it needs with capAdd';
    throw new ValidationError(`privileged: ${message}`, [{ path: 'privileged', message }]);
  }
}

const nanoCpus = (cores: number) => Math.round(cores * 1e9);

const mountsOf = (mounts: CreateServiceInput['mounts']): Docker.MountSettings[] =>
  mounts.map((m) => ({ Type: m.type, Source: m.source, Target: m.target, ReadOnly: m.readOnly }));

function specOf(input: CreateServiceInput): Docker.CreateServiceOptions {
  return {
    Name: input.name,
    Labels: input.labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: input.image,
        ...(input.command ? { Command: input.command } : {}),
        Env: input.env,
        Mounts: mountsOf(input.mounts),
        ...(input.capAdd.length > 0 ? { CapabilityAdd: input.capAdd } : {}),
      },
      Resources: {
        ...(input.cpuLimit ? { Limits: { NanoCPUs: nanoCpus(input.cpuLimit) } } : {}),
        ...(input.cpuReservation ? { Reservations: { NanoCPUs: nanoCpus(input.cpuReservation) } } : {}),
      },
      Placement: { Constraints: input.constraints },
      Networks: input.networks.map((target) => ({ Target: target })),
    },
    Mode: input.mode === 'global' ? { Global: {} } : { Replicated: { Replicas: input.replicas } },
    EndpointSpec: {
      Mode: input.endpointMode,
      Ports: input.ports.map((port) => ({ TargetPort: port.target, PublishedPort: port.published, Protocol: port.protocol, PublishMode: port.mode })),
    },
  };
}

export async function createService(docker: Docker, endpoint: string, input: CreateServiceInput, role: Role): Promise<ServiceView> {
  checkHostAccess(input, role);
  let id: string;
  try {
    id = (await docker.createService(specOf(input))).id;
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
  return inspectService(docker, endpoint, id);
}

export async function updateService(docker: Docker, endpoint: string, idOrName: string, input: UpdateServiceInput, role: Role): Promise<ServiceView> {
  checkHostAccess(input, role);
  try {
    const handle = docker.getService(idOrName);
    const current = (await handle.inspect()) as ServiceShape;
    const spec = current.Spec;
    const task = spec.TaskTemplate ?? {};
    const container = task.ContainerSpec ?? {};
    if (input.replicas !== undefined && spec.Mode?.Global !== undefined) {
      const message = 'A global service runs one task per node and cannot be scaled';
      throw new ValidationError(`replicas: ${message}`, [{ path: 'replicas', message }]);
    }
    const limits = input.cpuLimit === undefined ? task.Resources?.Limits : input.cpuLimit === null ? {} : { NanoCPUs: nanoCpus(input.cpuLimit) };
    const next: Docker.ServiceSpec = {
      ...spec,
      TaskTemplate: {
        ...task,
        ContainerSpec: {
          ...container,
          ...(input.image ? { Image: input.image } : {}),
          ...(input.env ? { Env: input.env } : {}),
          ...(input.mounts ? { Mounts: mountsOf(input.mounts) } : {}),
          ...(input.capAdd ? { CapabilityAdd: input.capAdd } : {}),
        },
        Resources: { ...task.Resources, ...(limits ? { Limits: limits } : {}) },
        ...(input.constraints ? { Placement: { ...task.Placement, Constraints: input.constraints } } : {}),
        ...(input.networks ? { Networks: input.networks.map((target) => ({ Target: target })) } : {}),
      },
      ...(input.replicas !== undefined ? { Mode: { Replicated: { Replicas: input.replicas } } } : {}),
    };
    await handle.update({ version: current.Version?.Index ?? 0, ...next });
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
  return inspectService(docker, endpoint, idOrName);
}

/** Back to the spec before the last update (what `docker service rollback` restores). */
export async function rollbackService(docker: Docker, endpoint: string, idOrName: string): Promise<ServiceView> {
  try {
    const handle = docker.getService(idOrName);
    const current = (await handle.inspect()) as ServiceShape;
    if (!current.PreviousSpec) throw new ConflictError(`Service ${current.Spec.Name ?? idOrName} has not been updated yet: there is nothing to roll back to`);
    await handle.update({ version: current.Version?.Index ?? 0, ...current.PreviousSpec });
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
  return inspectService(docker, endpoint, idOrName);
}

export async function removeService(docker: Docker, endpoint: string, idOrName: string): Promise<void> {
  try {
    await docker.getService(idOrName).remove();
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
}

/** The last `tail` lines of every task's output (a snapshot, not followed). */
export async function serviceLogs(docker: Docker, endpoint: string, idOrName: string, tail: number): Promise<LogLine[]> {
  try {
    const output = (await docker.getService(idOrName).logs({ stdout: true, stderr: true, follow: false, tail })) as unknown;
    return Buffer.isBuffer(output) ? demuxDockerLog(output) : [];
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
}
