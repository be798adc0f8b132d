// Swarm services and their tasks: list, inspect, create, update (scale, rolling update),
// roll back and remove. Options that reach the host are admin-only (host-escape.ts), as for containers.
import type { EngineClient } from '@/lib/docker/engine-client';
import type { RegistryLogin } from '@/lib/docker/engine-shapes';
import { type LogLine, demuxDockerLog } from '@/lib/docker/log-demux';
import { AppError, ConflictError, ValidationError } from '@/lib/errors/app-error';
import type { Role } from '@/prisma-free-db/schemas/account';
import { volumeDriverEscapes } from '@/lib/policy/host-escaping';
import { namedVolumesToCheck, serviceHostEscapes } from '@/lib/policy/service-host-escape';
import { toNodeView } from './nodes';
import { resolveAttachments } from './service-attachments';
import type { CreateServiceInput, UpdateServiceInput } from './service-schema';
import { type ServiceSpec, checkReservationFits, checkSpec, createSpecOf, nextSpecOf } from './service-spec';
import { parseServiceLogLine } from './service-log-line';
import type { ServiceLogLineEvent } from './service-log-stream';
import { serviceStatus } from './service-status';
import { type ServiceShape, type ServiceView, type TaskView, toServiceView, toTaskView } from './service-view';
import { naturalCompare } from '@/lib/format/natural-sort';

export { createServiceSchema, updateServiceSchema, type CreateServiceInput, type UpdateServiceInput } from './service-schema';
export type { RolloutPolicyView, ServicePortView, ServiceView, TaskView } from './service-view';
export type { ServiceStatus } from './service-status';

async function networkNamesOf(docker: EngineClient): Promise<Map<string, string>> {
  const networks = await docker.listNetworks();
  return new Map(networks.map((network) => [network.Id, network.Name]));
}

/** Every task (old ones too: their errors say why a service does not start), by service id. */
async function tasksByService(docker: EngineClient, serviceId?: string): Promise<Map<string, TaskView[]>> {
  const tasks = await docker.listTasks(serviceId ? { service: [serviceId] } : {});
  const byService = new Map<string, TaskView[]>();
  for (const task of tasks) byService.set(task.ServiceID, [...(byService.get(task.ServiceID) ?? []), toTaskView(task, new Map())]);
  return byService;
}

function withStatus(service: ServiceShape, tasks: readonly TaskView[], names: ReadonlyMap<string, string>): ServiceView {
  const running = tasks.filter((task) => task.desiredState === 'running' && task.state === 'running').length;
  const view = toServiceView(service, running, names);
  return { ...view, status: serviceStatus(view.replicasDesired, tasks) };
}

export async function listServices(docker: EngineClient): Promise<ServiceView[]> {
  const [services, tasks, names] = await Promise.all([docker.listServices(), tasksByService(docker), networkNamesOf(docker)]);
  return services.map((service) => withStatus(service, tasks.get(service.ID) ?? [], names)).sort((a, b) => naturalCompare(a.name, b.name));
}

export async function inspectService(docker: EngineClient, idOrName: string): Promise<ServiceView> {
  const service = await docker.inspectService(idOrName);
  const [tasks, names] = await Promise.all([tasksByService(docker, service.ID), networkNamesOf(docker)]);
  return withStatus(service, tasks.get(service.ID) ?? [], names);
}

export async function listServiceTasks(docker: EngineClient, idOrName: string): Promise<TaskView[]> {
  const service = await docker.inspectService(idOrName);
  const [tasks, nodes] = await Promise.all([docker.listTasks({ service: [service.ID] }), docker.listNodes()]);
  const hostnames = new Map(nodes.map((node) => [node.ID, node.Description?.Hostname ?? node.ID.slice(0, 12)]));
  return tasks
    .map((task) => toTaskView(task, hostnames))
    .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || b.updatedAt.localeCompare(a.updatedAt));
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
async function escapingVolumes(docker: EngineClient, mounts: CreateServiceInput['mounts'] | undefined, role: Role): Promise<string[]> {
  if (role === 'admin' || !mounts) return [];
  const found: string[] = [];
  for (const name of namedVolumesToCheck(mounts)) {
    // A volume not there yet is made afresh, without options.
    const volume = await docker.inspectVolume(name);
    if (volumeDriverEscapes(volume?.Options)) found.push(name);
  }
  return found;
}

/** Admin-only host access, and what swarm cannot do at all, before anything reaches Docker. */
async function checkHostAccess(
  docker: EngineClient,
  input: { mounts?: CreateServiceInput['mounts']; capAdd?: string[]; networks?: string[]; privileged?: boolean },
  role: Role,
): Promise<void> {
  const escaping = await escapingVolumes(docker, input.mounts, role);
  const reasons = [...serviceHostEscapes({ ...input, escapingVolumes: escaping }), ...(input.privileged ? ['privileged mode'] : [])];
  if (reasons.length > 0 && role !== 'admin') throw new HostEscapeForbiddenError(reasons, role);
  if (input.privileged) {
    const message = 'Swarm services cannot run privileged (Docker has no such service option): add only the capabilities it needs with capAdd';
    throw new ValidationError(`privileged: ${message}`, [{ path: 'privileged', message }]);
  }
}

/** The checks on a whole spec, including that some node can hold its reservations. */
async function checkWholeSpec(docker: EngineClient, spec: ServiceSpec): Promise<void> {
  checkSpec(spec);
  const reservations = spec.TaskTemplate?.Resources?.Reservations;
  if (reservations?.NanoCPUs || reservations?.MemoryBytes) checkReservationFits(spec, (await docker.listNodes()).map(toNodeView));
}

export async function createService(docker: EngineClient, input: CreateServiceInput, role: Role, login?: RegistryLogin): Promise<ServiceView> {
  await checkHostAccess(docker, input, role);
  const spec = createSpecOf(input, await resolveAttachments(docker, input));
  await checkWholeSpec(docker, spec);
  const { id } = await docker.createService(spec, login);
  return inspectService(docker, id);
}

/** Applies the update against the service's current version: Docker replaces the tasks per its UpdateConfig. */
export async function updateService(docker: EngineClient, idOrName: string, input: UpdateServiceInput, role: Role, login?: RegistryLogin): Promise<ServiceView> {
  await checkHostAccess(docker, input, role);
  const current = await docker.inspectService(idOrName);
  const next = nextSpecOf(current.Spec, input, await resolveAttachments(docker, input));
  await checkWholeSpec(docker, next);
  await docker.updateService(idOrName, { version: current.Version?.Index ?? 0 }, next, login);
  return inspectService(docker, idOrName);
}

/**
 * Back to the spec before the last update. For an admin (and the console's own work) as `docker
 * service rollback`: Docker swaps the two specs and replaces the tasks per the service's
 * RollbackConfig. For anyone else the engine would restore a spec nobody checked (an admin may
 * have set host options in it), so the previous spec is sent as an ordinary update, which the
 * engine request gate's policy checks like any other (refused with a 403 naming the field).
 */
export async function rollbackService(docker: EngineClient, idOrName: string): Promise<ServiceView> {
  const current = await docker.inspectService(idOrName);
  if (!current.PreviousSpec) throw new ConflictError(`Service ${current.Spec.Name ?? idOrName} has not been updated yet: there is nothing to roll back to`);
  const version = current.Version?.Index ?? 0;
  if ('role' in docker.caller && docker.caller.role !== 'admin') await docker.updateService(idOrName, { version }, current.PreviousSpec);
  else await docker.updateService(idOrName, { version, rollback: 'previous' }, current.Spec);
  return inspectService(docker, idOrName);
}

export async function removeService(docker: EngineClient, idOrName: string): Promise<void> {
  await docker.removeService(idOrName);
}

/** The last `tail` lines of every task's output (a snapshot, not followed), each with its time and task. */
export async function serviceLogs(docker: EngineClient, idOrName: string, tail: number): Promise<ServiceLogLineEvent[]> {
  const output = await docker.serviceLogs(idOrName, tail);
  return output ? demuxDockerLog(output).map((line: LogLine) => ({ stream: line.stream, ...parseServiceLogLine(line.text) })) : [];
}
