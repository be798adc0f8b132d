// Docker's JSON, typed at this one boundary: what the engine client's methods return and take.
// Where dockerode describes a shape well it is named here; where it says `any`, the part the
// console reads is written out. Domain code imports these, never dockerode.
import type Docker from 'dockerode';

/** A Docker stream as dockerode hands it back (an HTTP response body): destroy() ends it. */
export type DockerByteStream = NodeJS.ReadableStream & { destroy(): void };

/** Docker's `info`, as far as the console reads it. */
export interface EngineInfoJson {
  Name?: string;
  Containers?: number;
  ContainersRunning?: number;
  ContainersPaused?: number;
  ContainersStopped?: number;
  Images?: number;
  OperatingSystem?: string;
  Architecture?: string;
  NCPU?: number;
  MemTotal?: number;
  /** The engine's own labels (dockerd --label), as key=value. */
  Labels?: string[] | null;
  Swarm?: {
    NodeID?: string;
    NodeAddr?: string;
    LocalNodeState?: string;
    ControlAvailable?: boolean;
    Nodes?: number;
    Managers?: number;
    Cluster?: { ID?: string } | null;
  };
}

export type EngineVersionJson = Docker.DockerVersion;

export type ContainerListEntry = Docker.ContainerInfo;
export type ContainerCreateOptions = Docker.ContainerCreateOptions;
export type ContainerHostConfig = Docker.HostConfig;
export type ContainerUpdateBody = Record<string, unknown>;
export type ExecCreateOptions = Docker.ExecCreateOptions;
export type ExecInspect = Docker.ExecInspectInfo;
export type VolumeInspect = Docker.VolumeInspectInfo;

/** The part of Docker's top answer the console reads: column titles and rows of strings. */
export interface ContainerTopJson {
  Titles?: string[] | null;
  Processes?: string[][] | null;
}

interface CpuStatsJson {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** The part of Docker's stats answer the console reads (cgroup v1 and v2 differ in memory and blkio). */
export interface ContainerStatsJson {
  read?: string;
  cpu_stats?: CpuStatsJson;
  precpu_stats?: CpuStatsJson;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
}

export interface LogOptions {
  stdout: boolean;
  stderr: boolean;
  tail?: number;
  since?: number;
  timestamps?: boolean;
}

export type ImageListEntry = Docker.ImageInfo;
export type ImageInspect = Docker.ImageInspectInfo;

export interface ImageHistoryJson {
  Id?: string;
  Created?: number;
  CreatedBy?: string;
  Size?: number;
  Comment?: string;
  Tags?: string[] | null;
}

export interface ImageRemovedJson {
  Untagged?: string;
  Deleted?: string;
}

/** A registry login for one pull (sent as X-Registry-Auth, never in the URL). */
export interface RegistryLogin {
  username: string;
  password: string;
  serveraddress: string;
}

export type NetworkListEntry = Docker.NetworkInspectInfo;
export type NetworkInspect = Docker.NetworkInspectInfo;
export type NetworkCreateOptions = Docker.NetworkCreateOptions;
export type NetworkConnectOptions = Docker.NetworkConnectOptions;

export type ServiceSpec = Docker.ServiceSpec & { TaskTemplate?: Docker.ContainerTaskSpec };
export type ServiceMount = Docker.MountSettings;
export type ServicePort = Docker.PortConfig;
export type ServiceRollout = Docker.UpdateConfig;
export type ServiceResources = Docker.ResourceRequirements;
export type ContainerTaskSpec = Docker.ContainerTaskSpec;

export interface SwarmJson {
  Version?: { Index?: number };
  Spec?: Record<string, unknown>;
  JoinTokens?: { Worker?: string; Manager?: string };
}

export interface SwarmNodeSpec {
  Role?: 'manager' | 'worker';
  Availability?: 'active' | 'pause' | 'drain';
  Labels?: Record<string, string>;
  Name?: string;
}

export interface SwarmNodeJson {
  ID: string;
  Version?: { Index?: number };
  Spec?: SwarmNodeSpec;
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string }; Resources?: { NanoCPUs?: number; MemoryBytes?: number } };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Addr?: string; Reachability?: string } | null;
}

export interface SwarmServiceJson {
  ID: string;
  PreviousSpec?: ServiceSpec;
  Version?: { Index?: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: ServiceSpec;
  Endpoint?: { Ports?: ServicePort[] };
  UpdateStatus?: { State?: string; Message?: string };
}

export interface SwarmTaskJson {
  ID: string;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  UpdatedAt?: string;
  Status?: { State?: string; Err?: string; Message?: string };
  Spec?: ContainerTaskSpec;
  /** The task's addresses on each network it joins (allocated by the manager). */
  NetworksAttachments?: { Network?: { ID?: string; Spec?: { Name?: string } }; Addresses?: string[] }[];
}

/** Filters as Docker's list endpoints take them: name → accepted values. */
export type ListFilters = Record<string, string[]>;

/** One message of a pull's progress stream. */
export interface PullProgressJson {
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}
