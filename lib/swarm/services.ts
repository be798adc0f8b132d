// Swarm services and their tasks: list, inspect, create, update (scale, rolling update),
// roll back and remove. Options that reach the host are admin-only (host-escape.ts), as for containers.
import type Docker from 'dockerode';
import { type LogLine, demuxDockerLog } from '@/lib/docker/demux-log';
import { translateDockerError } from '@/lib/docker/docker-errors';
import { AppError, ConflictError, ValidationError } from '@/lib/errors/app-error';
import type { Role } from '@/prisma-free-db/schemas/account';
import { volumeDriverEscapes } from '@/lib/containers/host-escaping';
import { namedVolumesToCheck, serviceHostEscapes } from './host-escape';
import { type NodeShape, toNodeView } from './nodes';
import type { CreateServiceInput, UpdateServiceInput } from './service-schema';
import { type ServiceSpec, checkReservationFits, checkSpec, createSpecOf, nextSpecOf } from './service-spec';
import { type ServiceShape, type ServiceView, type TaskShape, type TaskView, toServiceView, toTaskView } from './service-view';

export { createServiceSchema, updateServiceSchema, type CreateServiceInput, type UpdateServiceInput } from './service-schema';
export type { RolloutPolicyView, ServicePortView, ServiceView, TaskView } from './service-view';

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
      .map((task) => toTaskView(task, hostnames))
      .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || b.updatedAt.localeCompare(a.updatedAt));
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
}

class HostEscapeForbiddenError extends AppError {
  constructor(reasons: string[], role: Role) {
    super('FORBIDDEN', `Only admins may give a service ${reasons.join(', ')}: they reach the host. Your account has the ${role} role`);
  }
}

/**
 * The named volumes the mounts use that exist on the manager with driver options (a host path
 * bound through the local driver). Looked up for non-admins only: an admin may use them anyway.
 */
async function escapingVolumes(docker: Docker, endpoint: string, mounts: CreateServiceInput['mounts'] | undefined, role: Role): Promise<string[]> {
  if (role === 'admin' || !mounts) return [];
  const found: string[] = [];
  for (const name of namedVolumesToCheck(mounts)) {
    const options = await docker
      .getVolume(name)
      .inspect()
      .then((volume: { Options?: Record<string, string> | null }) => volume.Options)
      .catch((error: unknown) => {
        if ((error as { statusCode?: unknown }).statusCode === 404) return null; // made afresh, without options
        throw translateDockerError(error, endpoint);
      });
    if (volumeDriverEscapes(options)) found.push(name);
  }
  return found;
}

/** Admin-only host access, and what swarm cannot do at all, before anything reaches Docker. */
async function checkHostAccess(
  docker: Docker,
  endpoint: string,
  input: { mounts?: CreateServiceInput['mounts']; capAdd?: string[]; networks?: string[]; privileged?: boolean },
  role: Role,
): Promise<void> {
  const escaping = await escapingVolumes(docker, endpoint, input.mounts, role);
  const reasons = [...serviceHostEscapes({ ...input, escapingVolumes: escaping }), ...(input.privileged ? ['privileged mode'] : [])];
  if (reasons.length > 0 && role !== 'admin') throw new HostEscapeForbiddenError(reasons, role);
  if (input.privileged) {
    const message = 'Swarm services cannot run privileged (Docker has no such service option): add only the capabilities it needs with capAdd';
    throw new ValidationError(`privileged: ${message}`, [{ path: 'privileged', message }]);
  }
}

/** The checks on a whole spec, including that some node can hold its reservations. */
async function checkWholeSpec(docker: Docker, spec: ServiceSpec): Promise<void> {
  checkSpec(spec);
  const reservations = spec.TaskTemplate?.Resources?.Reservations;
  if (reservations?.NanoCPUs || reservations?.MemoryBytes) checkReservationFits(spec, ((await docker.listNodes()) as NodeShape[]).map(toNodeView));
}

export async function createService(docker: Docker, endpoint: string, input: CreateServiceInput, role: Role): Promise<ServiceView> {
  await checkHostAccess(docker, endpoint, input, role);
  let id: string;
  try {
    const spec = createSpecOf(input);
    await checkWholeSpec(docker, spec);
    id = (await docker.createService(spec)).id;
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
  return inspectService(docker, endpoint, id);
}

/** Applies the update against the service's current version: Docker replaces the tasks per its UpdateConfig. */
export async function updateService(docker: Docker, endpoint: string, idOrName: string, input: UpdateServiceInput, role: Role): Promise<ServiceView> {
  await checkHostAccess(docker, endpoint, input, role);
  try {
    const handle = docker.getService(idOrName);
    const current = (await handle.inspect()) as ServiceShape;
    const next = nextSpecOf(current.Spec, input);
    await checkWholeSpec(docker, next);
    await handle.update({ _query: { version: current.Version?.Index ?? 0 }, _body: next });
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
  return inspectService(docker, endpoint, idOrName);
}

/**
 * Back to the spec before the last update, as `docker service rollback`: Docker swaps the two
 * specs and replaces the tasks per the service's RollbackConfig.
 */
export async function rollbackService(docker: Docker, endpoint: string, idOrName: string): Promise<ServiceView> {
  try {
    const handle = docker.getService(idOrName);
    const current = (await handle.inspect()) as ServiceShape;
    if (!current.PreviousSpec) throw new ConflictError(`Service ${current.Spec.Name ?? idOrName} has not been updated yet: there is nothing to roll back to`);
    await handle.update({ _query: { version: current.Version?.Index ?? 0, rollback: 'previous' }, _body: current.Spec });
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
