import { limitsOf, type Limits } from '@/lib/engines/limits-cache';

/**
 * The app's own shapes for a container. Docker's inspect JSON is reshaped here, once; pages
 * and routes see only these types (and the raw JSON where the user asks for it).
 */
export const CONTAINER_STATES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const;
export type ContainerState = (typeof CONTAINER_STATES)[number];

export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  state: ContainerState;
  host: string;
  /** The network the address below is on: the flat network when the container is on it. */
  network: string | null;
  address: string | null;
  /** NanoCpus as cores (1.5), or null without a CPU-count limit. */
  cpus: number | null;
  /** The cores it may run on ("0-1,3"), or null for all. */
  cpuset: string | null;
  memoryBytes: number | null;
  created: string;
  /**
   * The swarm service whose task this container is (Docker's com.docker.swarm.service.name
   * label): a failed task's leftover belongs to the service, not to whoever looks at the list.
   */
  service?: string;
}

const SERVICE_LABEL = 'com.docker.swarm.service.name';
const serviceOf = (labels: Record<string, string> | null | undefined) => (labels?.[SERVICE_LABEL] ? { service: labels[SERVICE_LABEL] } : {});

export interface ContainerNetwork {
  name: string;
  address: string | null;
  fixedAddress: string | null;
  mac: string | null;
  gateway: string | null;
}

export interface ContainerDetail extends ContainerSummary {
  command: string[];
  env: string[];
  labels: Record<string, string>;
  ports: { containerPort: number; protocol: string; hostIp: string | null; hostPort: number | null }[];
  mounts: { type: string; source: string; target: string; readOnly: boolean }[];
  networks: ContainerNetwork[];
  restartPolicy: { name: string; maxRetries: number };
  privileged: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  exitCode: number | null;
  tty: boolean;
}

/** The part of Docker's inspect answer this module reads. */
export interface InspectShape {
  Id: string;
  Name?: string;
  Created?: string;
  Path?: string;
  Args?: string[];
  State?: { Status?: string; StartedAt?: string; FinishedAt?: string; ExitCode?: number };
  Config?: { Image?: string; Env?: string[] | null; Labels?: Record<string, string> | null; Tty?: boolean; Cmd?: string[] | null };
  HostConfig?: {
    NanoCpus?: number;
    CpusetCpus?: string;
    Memory?: number;
    Privileged?: boolean;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    PortBindings?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
  };
  Mounts?: { Type?: string; Source?: string; Name?: string; Destination?: string; RW?: boolean }[];
  NetworkSettings?: {
    Networks?: Record<string, { IPAddress?: string; MacAddress?: string; Gateway?: string; IPAMConfig?: { IPv4Address?: string } | null }> | null;
    Ports?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
  };
}

const stateSet = new Set<string>(CONTAINER_STATES);
const ZERO_TIME = '0001-01-01T00:00:00Z';

function toState(status: string | undefined): ContainerState {
  return status !== undefined && stateSet.has(status) ? (status as ContainerState) : 'dead';
}

function networksOf(inspect: InspectShape): ContainerNetwork[] {
  return Object.entries(inspect.NetworkSettings?.Networks ?? {}).map(([name, network]) => ({
    name,
    address: network.IPAddress || null,
    fixedAddress: network.IPAMConfig?.IPv4Address || null,
    mac: network.MacAddress || null,
    gateway: network.Gateway || null,
  }));
}

/** The address to show: on the flat network if the container is on it, else its first address. */
function primaryNetwork(networks: ContainerNetwork[], flatNetwork: string | null): ContainerNetwork | null {
  const flat = networks.find((network) => network.name === flatNetwork);
  return flat ?? networks.find((network) => network.address !== null) ?? networks[0] ?? null;
}

/** The part of Docker's container list entry read here. */
export interface ListEntryShape {
  Id: string;
  Names?: string[];
  Image?: string;
  State?: string;
  Created?: number;
  Labels?: Record<string, string> | null;
  NetworkSettings?: { Networks?: Record<string, { IPAddress?: string }> | null };
}

/** A summary from the list entry plus the limits (which the list lacks). */
export function toSummaryFromList(entry: ListEntryShape, limits: Limits, host: string, flatNetwork: string | null): ContainerSummary {
  const networks = Object.entries(entry.NetworkSettings?.Networks ?? {}).map(([name, network]) => ({
    name,
    address: network.IPAddress || null,
    fixedAddress: null,
    mac: null,
    gateway: null,
  }));
  const primary = primaryNetwork(networks, flatNetwork);
  return {
    id: entry.Id,
    name: (entry.Names?.[0] ?? '').replace(/^\//, ''),
    image: entry.Image ?? '',
    state: toState(entry.State),
    host,
    network: primary?.name ?? null,
    address: primary?.address ?? null,
    ...limits,
    created: entry.Created ? new Date(entry.Created * 1000).toISOString() : ZERO_TIME,
    ...serviceOf(entry.Labels),
  };
}

export function toContainerSummary(inspect: InspectShape, host: string, flatNetwork: string | null): ContainerSummary {
  const hostConfig = inspect.HostConfig;
  const primary = primaryNetwork(networksOf(inspect), flatNetwork);
  return {
    id: inspect.Id,
    name: (inspect.Name ?? '').replace(/^\//, ''),
    image: inspect.Config?.Image ?? '',
    state: toState(inspect.State?.Status),
    host,
    network: primary?.name ?? null,
    address: primary?.address ?? null,
    ...limitsOf(hostConfig),
    created: inspect.Created ?? ZERO_TIME,
    ...serviceOf(inspect.Config?.Labels),
  };
}

function time(value: string | undefined): string | null {
  return value && value !== ZERO_TIME ? value : null;
}

export function toContainerDetail(inspect: InspectShape, host: string, flatNetwork: string | null): ContainerDetail {
  const ports = Object.entries(inspect.NetworkSettings?.Ports ?? inspect.HostConfig?.PortBindings ?? {}).flatMap(([key, bindings]) => {
    const [port, protocol = 'tcp'] = key.split('/');
    const containerPort = Number(port);
    if (!bindings || bindings.length === 0) return [{ containerPort, protocol, hostIp: null, hostPort: null }];
    return bindings.map((binding) => ({
      containerPort,
      protocol,
      hostIp: binding.HostIp || null,
      hostPort: binding.HostPort ? Number(binding.HostPort) : null,
    }));
  });
  const restart = inspect.HostConfig?.RestartPolicy ?? {};
  const exitCode = inspect.State?.ExitCode;
  return {
    ...toContainerSummary(inspect, host, flatNetwork),
    command: [inspect.Path ?? '', ...(inspect.Args ?? [])].filter((part, index) => index > 0 || part !== ''),
    env: inspect.Config?.Env ?? [],
    labels: inspect.Config?.Labels ?? {},
    ports,
    mounts: (inspect.Mounts ?? []).map((mount) => ({
      type: mount.Type ?? 'volume',
      source: mount.Type === 'volume' ? (mount.Name ?? mount.Source ?? '') : (mount.Source ?? ''),
      target: mount.Destination ?? '',
      readOnly: mount.RW === false,
    })),
    networks: networksOf(inspect),
    restartPolicy: { name: restart.Name || 'no', maxRetries: restart.MaximumRetryCount ?? 0 },
    privileged: inspect.HostConfig?.Privileged ?? false,
    startedAt: time(inspect.State?.StartedAt),
    finishedAt: time(inspect.State?.FinishedAt),
    exitCode: inspect.State?.Status === 'exited' || inspect.State?.Status === 'dead' ? (exitCode ?? null) : null,
    tty: inspect.Config?.Tty ?? false,
  };
}
