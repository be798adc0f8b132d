// Docker's services and tasks reshaped into the console's own types, in one place.
import type { ServiceRollout, SwarmServiceJson, SwarmTaskJson } from '@/lib/docker/engine-shapes';
import { configViews, secretViews, type AttachmentView } from './service-attachments';
import type { ServiceStatus } from './service-status';

export interface ServicePortView {
  readonly target: number;
  readonly published: number | null;
  readonly protocol: string;
  readonly mode: string;
}

/** UpdateConfig / RollbackConfig in seconds, as the forms write them. */
export interface RolloutPolicyView {
  readonly parallelism: number;
  readonly delaySeconds: number;
  readonly failureAction: string;
  readonly monitorSeconds: number;
  readonly maxFailureRatio: number;
  readonly order: string;
}

export interface ServiceView {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly mode: 'replicated' | 'global';
  readonly replicasDesired: number | null;
  readonly replicasRunning: number;
  readonly command: readonly string[] | null;
  readonly env: readonly string[];
  readonly networks: readonly string[];
  readonly ports: readonly ServicePortView[];
  readonly endpointMode: 'vip' | 'dnsrr';
  readonly constraints: readonly string[];
  readonly cpuLimit: number | null;
  readonly cpuReservation: number | null;
  readonly memoryLimitMb: number | null;
  readonly memoryReservationMb: number | null;
  readonly updateConfig: RolloutPolicyView | null;
  readonly rollbackConfig: RolloutPolicyView | null;
  /** The last update's or rollback's progress (updating, completed, paused, rollback_completed…). */
  readonly updateStatus: { readonly state: string; readonly message: string } | null;
  /** Whether there is a spec to roll back to. */
  readonly canRollback: boolean;
  /** How its tasks are doing (running, starting, failing with the last error); null when not read. */
  readonly status: ServiceStatus | null;
  readonly labels: Readonly<Record<string, string>>;
  /** The secrets and configs its tasks mount (names, ids and files: never a secret's value). */
  readonly secrets: readonly AttachmentView[];
  readonly configs: readonly AttachmentView[];
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
  readonly message: string;
  readonly image: string;
  readonly updatedAt: string;
}

/** Docker's service and task JSON, typed at the Docker boundary. */
export type ServiceShape = SwarmServiceJson;
export type TaskShape = SwarmTaskJson;

const NANO = 1e9;
const MB = 1024 * 1024;

// Docker pins images to a digest (image:tag@sha256:…) when it can: show what the user wrote.
export const imageOf = (image: string | undefined) => (image ?? '').replace(/@sha256:[0-9a-f]+$/, '');

const rolloutView = (config: ServiceRollout | undefined): RolloutPolicyView | null =>
  config
    ? {
        parallelism: config.Parallelism ?? 1,
        delaySeconds: (config.Delay ?? 0) / NANO,
        failureAction: config.FailureAction ?? 'pause',
        monitorSeconds: (config.Monitor ?? 0) / NANO,
        maxFailureRatio: config.MaxFailureRatio ?? 0,
        order: config.Order ?? 'stop-first',
      }
    : null;

const scaled = (value: number | undefined, unit: number) => (value ? value / unit : null);

export function toServiceView(service: ServiceShape, running: number, networkNames: ReadonlyMap<string, string>): ServiceView {
  const task = service.Spec.TaskTemplate;
  const replicated = service.Spec.Mode?.Global === undefined;
  const resources = task?.Resources;
  return {
    id: service.ID,
    name: service.Spec.Name ?? service.ID.slice(0, 12),
    image: imageOf(task?.ContainerSpec?.Image),
    mode: replicated ? 'replicated' : 'global',
    replicasDesired: replicated ? (service.Spec.Mode?.Replicated?.Replicas ?? 1) : null,
    replicasRunning: running,
    command: task?.ContainerSpec?.Command ?? null,
    env: task?.ContainerSpec?.Env ?? [],
    networks: (task?.Networks ?? service.Spec.Networks ?? []).map((network) => networkNames.get(network.Target ?? '') ?? network.Target ?? ''),
    ports: (service.Endpoint?.Ports ?? service.Spec.EndpointSpec?.Ports ?? []).map((port) => ({
      target: port.TargetPort ?? 0,
      published: port.PublishedPort ?? null,
      protocol: port.Protocol ?? 'tcp',
      mode: port.PublishMode ?? 'ingress',
    })),
    endpointMode: service.Spec.EndpointSpec?.Mode === 'dnsrr' ? 'dnsrr' : 'vip',
    constraints: task?.Placement?.Constraints ?? [],
    cpuLimit: scaled(resources?.Limits?.NanoCPUs, NANO),
    cpuReservation: scaled(resources?.Reservations?.NanoCPUs, NANO),
    memoryLimitMb: scaled(resources?.Limits?.MemoryBytes, MB),
    memoryReservationMb: scaled(resources?.Reservations?.MemoryBytes, MB),
    updateConfig: rolloutView(service.Spec.UpdateConfig),
    rollbackConfig: rolloutView(service.Spec.RollbackConfig),
    updateStatus: service.UpdateStatus?.State ? { state: service.UpdateStatus.State, message: service.UpdateStatus.Message ?? '' } : null,
    canRollback: service.PreviousSpec !== undefined,
    status: null,
    labels: service.Spec.Labels ?? {},
    secrets: secretViews(task?.ContainerSpec?.Secrets),
    configs: configViews(task?.ContainerSpec?.Configs),
    createdAt: service.CreatedAt ?? '',
    updatedAt: service.UpdatedAt ?? '',
  };
}

export function toTaskView(task: TaskShape, hostnames: ReadonlyMap<string, string>): TaskView {
  return {
    id: task.ID,
    serviceId: task.ServiceID,
    slot: task.Slot ?? null,
    node: task.NodeID ? (hostnames.get(task.NodeID) ?? task.NodeID.slice(0, 12)) : '',
    state: task.Status?.State ?? 'unknown',
    desiredState: task.DesiredState ?? 'unknown',
    error: task.Status?.Err || null,
    message: task.Status?.Message ?? '',
    image: imageOf(task.Spec?.ContainerSpec?.Image),
    updatedAt: task.UpdatedAt ?? '',
  };
}
