// The console's service requests written as Docker's ServiceSpec: a new spec from a create body,
// the next spec from the current one and an update body, and the checks that need the whole spec.
import type { ServiceMount, ServicePort, ServiceResources, ServiceRollout, ServiceSpec } from '@/lib/docker/engine-shapes';
import { type FieldError, ValidationError } from '@/lib/errors/app-error';
import type { ResolvedAttachments } from './service-attachments';
import type { CreateServiceInput, RollbackPolicyInput, ServicePortInput, UpdatePolicyInput, UpdateServiceInput } from './service-schema';

export type { ServiceSpec };

const NANO = 1e9;
const MB = 1024 * 1024;
export const nanoCpus = (cores: number) => Math.round(cores * NANO);
const nanoseconds = (seconds: number) => Math.round(seconds * NANO);

const mountsOf = (mounts: CreateServiceInput['mounts']): ServiceMount[] =>
  mounts.map((m) => ({ Type: m.type, Source: m.source, Target: m.target, ReadOnly: m.readOnly }));

const portsOf = (ports: readonly ServicePortInput[]): ServicePort[] =>
  ports.map((port) => ({ TargetPort: port.target, PublishedPort: port.published, Protocol: port.protocol, PublishMode: port.mode }));

const networksOf = (networks: readonly string[]) => networks.map((target) => ({ Target: target }));

export function rolloutOf(policy: UpdatePolicyInput | RollbackPolicyInput): ServiceRollout {
  return {
    Parallelism: policy.parallelism,
    Delay: nanoseconds(policy.delaySeconds),
    FailureAction: policy.failureAction,
    Monitor: nanoseconds(policy.monitorSeconds),
    MaxFailureRatio: policy.maxFailureRatio,
    Order: policy.order,
  };
}

/** One resource value: undefined keeps the current one, null removes it, a number sets it. */
function pick(current: number | undefined, wanted: number | null | undefined, scale: (value: number) => number): number | undefined {
  if (wanted === undefined) return current;
  return wanted === null ? undefined : scale(wanted);
}

function resourcesOf(
  current: ServiceResources | undefined,
  input: Pick<UpdateServiceInput, 'cpuLimit' | 'cpuReservation' | 'memoryLimitMb' | 'memoryReservationMb'>,
): ServiceResources {
  const limits = {
    ...current?.Limits,
    NanoCPUs: pick(current?.Limits?.NanoCPUs, input.cpuLimit, nanoCpus),
    MemoryBytes: pick(current?.Limits?.MemoryBytes, input.memoryLimitMb, (mb) => mb * MB),
  };
  const reservations = {
    ...current?.Reservations,
    NanoCPUs: pick(current?.Reservations?.NanoCPUs, input.cpuReservation, nanoCpus),
    MemoryBytes: pick(current?.Reservations?.MemoryBytes, input.memoryReservationMb, (mb) => mb * MB),
  };
  const defined = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  return { Limits: defined(limits), Reservations: defined(reservations) };
}

/** The create body as a spec; `attachments` are its secrets and configs with their ids resolved. */
export function createSpecOf(input: CreateServiceInput, attachments: ResolvedAttachments = {}): ServiceSpec {
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
        ...(attachments.secrets && attachments.secrets.length > 0 ? { Secrets: attachments.secrets } : {}),
        ...(attachments.configs && attachments.configs.length > 0 ? { Configs: attachments.configs } : {}),
      },
      Resources: resourcesOf(undefined, input),
      Placement: { Constraints: input.constraints },
      Networks: networksOf(input.networks),
    },
    Mode: input.mode === 'global' ? { Global: {} } : { Replicated: { Replicas: input.replicas } },
    ...(input.updateConfig ? { UpdateConfig: rolloutOf(input.updateConfig) } : {}),
    ...(input.rollbackConfig ? { RollbackConfig: rolloutOf(input.rollbackConfig) } : {}),
    EndpointSpec: { Mode: input.endpointMode, Ports: portsOf(input.ports) },
  };
}

/** The current spec with the update's fields applied; what the body leaves out stays as it is. */
export function nextSpecOf(current: ServiceSpec, input: UpdateServiceInput, attachments: ResolvedAttachments = {}): ServiceSpec {
  const task = current.TaskTemplate ?? {};
  const container = { ...task.ContainerSpec };
  if (input.image) container.Image = input.image;
  if (input.env) container.Env = input.env;
  if (input.mounts) container.Mounts = mountsOf(input.mounts);
  if (input.capAdd) container.CapabilityAdd = input.capAdd;
  if (attachments.secrets) container.Secrets = attachments.secrets;
  if (attachments.configs) container.Configs = attachments.configs;
  if (input.command === null) delete container.Command;
  else if (input.command) container.Command = input.command;
  if (input.replicas !== undefined && current.Mode?.Global !== undefined) {
    throw fieldError('replicas', 'A global service runs one task per node and cannot be scaled');
  }
  return {
    ...current,
    TaskTemplate: {
      ...task,
      ContainerSpec: container,
      Resources: resourcesOf(task.Resources, input),
      ...(input.constraints ? { Placement: { ...task.Placement, Constraints: input.constraints } } : {}),
      ...(input.networks ? { Networks: networksOf(input.networks) } : {}),
    },
    ...(input.replicas !== undefined ? { Mode: { Replicated: { Replicas: input.replicas } } } : {}),
    ...(input.updateConfig ? { UpdateConfig: rolloutOf(input.updateConfig) } : {}),
    ...(input.rollbackConfig ? { RollbackConfig: rolloutOf(input.rollbackConfig) } : {}),
    ...(input.ports || input.endpointMode
      ? {
          EndpointSpec: {
            ...current.EndpointSpec,
            ...(input.endpointMode ? { Mode: input.endpointMode } : {}),
            ...(input.ports ? { Ports: portsOf(input.ports) } : {}),
          },
        }
      : {}),
  };
}

function fieldError(path: string, message: string): ValidationError {
  return new ValidationError(`${path}: ${message}`, [{ path, message }]);
}

/**
 * What Docker would refuse in words, on the whole spec (an update may change one half of a pair):
 * DNS round robin has no virtual address for the routing mesh to publish on, and a reservation
 * cannot exceed its limit.
 */
export function checkSpec(spec: ServiceSpec): void {
  const problems: FieldError[] = [];
  const ingress = (spec.EndpointSpec?.Ports ?? []).filter((port) => (port.PublishMode ?? 'ingress') === 'ingress' && port.PublishedPort);
  if (spec.EndpointSpec?.Mode === 'dnsrr' && ingress.length > 0) {
    problems.push({
      path: 'endpointMode',
      message: `DNS round robin (dnsrr) cannot publish ports through the routing mesh (${ingress.map((p) => p.PublishedPort).join(', ')}): publish them in host mode, or use vip`,
    });
  }
  const resources = spec.TaskTemplate?.Resources;
  const cpuLimit = resources?.Limits?.NanoCPUs;
  const cpuReservation = resources?.Reservations?.NanoCPUs;
  if (cpuLimit && cpuReservation && cpuReservation > cpuLimit) {
    problems.push({ path: 'cpuReservation', message: `The CPU reservation (${cpuReservation / NANO}) is above the limit (${cpuLimit / NANO})` });
  }
  const memoryLimit = resources?.Limits?.MemoryBytes;
  const memoryReservation = resources?.Reservations?.MemoryBytes;
  if (memoryLimit && memoryReservation && memoryReservation > memoryLimit) {
    problems.push({ path: 'memoryReservationMb', message: `The memory reservation (${memoryReservation / MB} MB) is above the limit (${memoryLimit / MB} MB)` });
  }
  if (problems.length > 0) throw new ValidationError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

/** A reservation no node can satisfy leaves every task pending for ever: say so instead. */
export function checkReservationFits(spec: ServiceSpec, nodes: readonly { cpus: number; memoryBytes: number }[]): void {
  if (nodes.length === 0) return;
  const reservations = spec.TaskTemplate?.Resources?.Reservations;
  const maxCpus = Math.max(...nodes.map((node) => node.cpus));
  const maxMemory = Math.max(...nodes.map((node) => node.memoryBytes));
  if (reservations?.NanoCPUs && reservations.NanoCPUs / NANO > maxCpus) {
    throw fieldError('cpuReservation', `No node has ${reservations.NanoCPUs / NANO} CPUs to reserve: the largest has ${maxCpus}`);
  }
  if (reservations?.MemoryBytes && maxMemory > 0 && reservations.MemoryBytes > maxMemory) {
    throw fieldError('memoryReservationMb', `No node has ${reservations.MemoryBytes / MB} MB to reserve: the largest has ${Math.floor(maxMemory / MB)} MB`);
  }
}
