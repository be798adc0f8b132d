// The service form's state (text as typed) and the API body it becomes: the whole body to create,
// or, to edit, only the fields that differ from the service as it was loaded.
import { joinCommandWords, splitCommandWords } from '@/lib/command-line/command-words';
import type { RolloutPolicyView, ServiceView } from '@/lib/swarm/services';

export interface PortState {
  target: string;
  published: string;
  protocol: 'tcp' | 'udp';
  mode: 'ingress' | 'host';
}

export interface PolicyState {
  parallelism: string;
  delaySeconds: string;
  failureAction: string;
  monitorSeconds: string;
  maxFailureRatio: string;
  order: string;
}

/** A secret or config mounted as a file: its name, the file (target), owner and octal mode. */
export interface AttachmentState {
  name: string;
  target: string;
  uid: string;
  gid: string;
  mode: string;
}

export interface ServiceFormState {
  name: string;
  image: string;
  mode: 'replicated' | 'global';
  replicas: string;
  command: string;
  networks: string[];
  ports: PortState[];
  endpointMode: 'vip' | 'dnsrr';
  cpuReservation: string;
  cpuLimit: string;
  memoryReservationMb: string;
  memoryLimitMb: string;
  constraints: string;
  env: string;
  updateConfig: PolicyState;
  rollbackConfig: PolicyState;
  secrets: AttachmentState[];
  configs: AttachmentState[];
}

/** Docker's own defaults when a service has no UpdateConfig / RollbackConfig. */
const DEFAULT_POLICY: RolloutPolicyView = { parallelism: 1, delaySeconds: 0, failureAction: 'pause', monitorSeconds: 5, maxFailureRatio: 0, order: 'stop-first' };

const policyState = (policy: RolloutPolicyView | null): PolicyState => {
  const p = policy ?? DEFAULT_POLICY;
  return {
    parallelism: String(p.parallelism),
    delaySeconds: String(p.delaySeconds),
    failureAction: p.failureAction,
    monitorSeconds: String(p.monitorSeconds),
    maxFailureRatio: String(p.maxFailureRatio),
    order: p.order,
  };
};

const text = (value: number | null) => (value === null ? '' : String(value));

export function initialFormState(service?: ServiceView): ServiceFormState {
  return {
    name: service?.name ?? '',
    image: service?.image ?? '',
    mode: service?.mode ?? 'replicated',
    replicas: String(service?.replicasDesired ?? 1),
    command: joinCommandWords(service?.command ?? []),
    networks: [...(service?.networks ?? [])],
    ports: (service?.ports ?? []).map((port) => ({
      target: String(port.target),
      published: port.published === null ? '' : String(port.published),
      protocol: port.protocol === 'udp' ? 'udp' : 'tcp',
      mode: port.mode === 'host' ? 'host' : 'ingress',
    })),
    endpointMode: service?.endpointMode ?? 'vip',
    cpuReservation: text(service?.cpuReservation ?? null),
    cpuLimit: text(service?.cpuLimit ?? null),
    memoryReservationMb: text(service?.memoryReservationMb ?? null),
    memoryLimitMb: text(service?.memoryLimitMb ?? null),
    constraints: (service?.constraints ?? []).join('\n'),
    env: (service?.env ?? []).join('\n'),
    updateConfig: policyState(service?.updateConfig ?? null),
    rollbackConfig: policyState(service?.rollbackConfig ?? null),
    secrets: (service?.secrets ?? []).map(({ name, target, uid, gid, mode }) => ({ name, target, uid, gid, mode })),
    configs: (service?.configs ?? []).map(({ name, target, uid, gid, mode }) => ({ name, target, uid, gid, mode })),
  };
}

const attachmentBody = (attachment: AttachmentState) => ({
  name: attachment.name.trim(),
  ...(attachment.target.trim() === '' ? {} : { target: attachment.target.trim() }),
  uid: attachment.uid.trim() || '0',
  gid: attachment.gid.trim() || '0',
  mode: attachment.mode.trim() || '0444',
});

const lines = (value: string) =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
// What does not parse as a number is sent as typed, so the API's message names the field.
const numberOr = (value: string): number | string => (Number.isFinite(Number(value)) ? Number(value) : value);
const optional = (value: string) => (value.trim() === '' ? null : numberOr(value.trim()));

const policyBody = (policy: PolicyState) => ({
  parallelism: numberOr(policy.parallelism),
  delaySeconds: numberOr(policy.delaySeconds),
  failureAction: policy.failureAction,
  monitorSeconds: numberOr(policy.monitorSeconds),
  maxFailureRatio: numberOr(policy.maxFailureRatio),
  order: policy.order,
});

/** Why the command line cannot be split into words (an open quote), or null. */
export function commandProblem(state: ServiceFormState): string | null {
  const split = splitCommandWords(state.command);
  return split.ok ? null : split.problem;
}

/** The command's words (the same splitter as every command field); null for none: the image's own. */
const commandWords = (line: string): string[] | null => {
  const split = splitCommandWords(line);
  return split.ok && split.words.length > 0 ? split.words : null;
};

/** Every editable field as the API takes it; null for an empty limit (no limit) or no command. */
function editableBody(state: ServiceFormState): Record<string, unknown> {
  return {
    image: state.image.trim(),
    command: commandWords(state.command),
    ...(state.mode === 'replicated' ? { replicas: numberOr(state.replicas) } : {}),
    networks: state.networks,
    ports: state.ports.map((port) => ({
      target: numberOr(port.target),
      ...(port.published.trim() === '' ? {} : { published: numberOr(port.published) }),
      protocol: port.protocol,
      mode: port.mode,
    })),
    endpointMode: state.endpointMode,
    cpuReservation: optional(state.cpuReservation),
    cpuLimit: optional(state.cpuLimit),
    memoryReservationMb: optional(state.memoryReservationMb),
    memoryLimitMb: optional(state.memoryLimitMb),
    constraints: lines(state.constraints),
    env: lines(state.env),
    updateConfig: policyBody(state.updateConfig),
    rollbackConfig: policyBody(state.rollbackConfig),
    secrets: state.secrets.map(attachmentBody),
    configs: state.configs.map(attachmentBody),
  };
}

const emptyList = (value: unknown) => Array.isArray(value) && value.length === 0;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The create body: empty limits and untouched policies are left out, so Docker's defaults apply. */
export function createBody(state: ServiceFormState): Record<string, unknown> {
  const defaults = editableBody(initialFormState());
  const body = Object.fromEntries(
    Object.entries(editableBody(state)).filter(
      ([key, value]) =>
        value !== null && !((key === 'updateConfig' || key === 'rollbackConfig') && same(value, defaults[key])) && !((key === 'secrets' || key === 'configs') && emptyList(value)),
    ),
  );
  return { name: state.name.trim(), mode: state.mode, ...body };
}

/** The update body: only what changed since the form was loaded (empty: nothing to do). */
export function updateBody(state: ServiceFormState, loaded: ServiceFormState): Record<string, unknown> {
  const before = editableBody(loaded);
  return Object.fromEntries(Object.entries(editableBody(state)).filter(([key, value]) => !same(value, before[key])));
}
