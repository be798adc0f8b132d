// HostConfig (with Resources), classified for a non-admin after Kubernetes Pod Security
// Standards (baseline): host namespaces, privileged, capabilities beyond the baseline list,
// host paths, devices, security profile overrides, unmasked /proc and unsafe sysctls are not
// open to a non-admin; limits, restart, DNS, ports and the like are.
import { baselineCapabilities } from '../checks/capabilities';
import { localLogDriver, localLogOptions } from '../checks/log-config';
import { localVolumeDriver, containerLinks, volumeBinds, volumesFrom } from '../checks/mounts';
import { cgroupnsMode, ipcMode, networkMode, pidMode, usernsMode, utsMode } from '../checks/namespace-modes';
import { DEFAULT_MASKED_PATHS, DEFAULT_READONLY_PATHS, keepsEveryDefault } from '../checks/proc-paths';
import { narrowingSecurityOptions } from '../checks/security-options';
import { safeSysctls } from '../checks/sysctls';
import { checkUlimit } from '../checks/ulimits';
import { notBelowZero, oneOf } from '../checks/values';
import { adminOnly, allowed, listOf, mapOf, refused, struct, type Fields } from '../field-rules';
import { MOUNT } from './mount';

const THROTTLE_DEVICE = 'it names a device of the host';
const WINDOWS_ONLY = 'a Windows-only setting; the engines Shipyard manages run Linux';

/** Resources: also the body of POST /containers/{id}/update, with RestartPolicy. */
export const RESOURCES_FIELDS: Fields = {
  CpuShares: allowed(),
  Memory: allowed(),
  CgroupParent: adminOnly('a cgroup parent places the container outside the limits the engine gives it'),
  BlkioWeight: allowed(),
  BlkioWeightDevice: adminOnly(THROTTLE_DEVICE),
  BlkioDeviceReadBps: adminOnly(THROTTLE_DEVICE),
  BlkioDeviceWriteBps: adminOnly(THROTTLE_DEVICE),
  BlkioDeviceReadIOps: adminOnly(THROTTLE_DEVICE),
  BlkioDeviceWriteIOps: adminOnly(THROTTLE_DEVICE),
  CpuPeriod: allowed(),
  CpuQuota: allowed(),
  CpuRealtimePeriod: adminOnly('real-time scheduling can starve the host'),
  CpuRealtimeRuntime: adminOnly('real-time scheduling can starve the host'),
  CpusetCpus: allowed(),
  CpusetMems: allowed(),
  Devices: adminOnly('host devices (Kubernetes baseline: no host devices)'),
  DeviceCgroupRules: adminOnly('device access rules open host devices'),
  DeviceRequests: adminOnly('device requests hand host devices (GPUs) to the container'),
  KernelMemory: allowed(),
  KernelMemoryTCP: allowed(),
  MemoryReservation: allowed(),
  MemorySwap: allowed(),
  MemorySwappiness: allowed(),
  NanoCpus: allowed(),
  OomKillDisable: adminOnly("a container the OOM killer may not kill can take the host's memory"),
  Init: allowed(),
  PidsLimit: allowed(),
  Ulimits: listOf(struct({ Name: allowed(), Soft: allowed(), Hard: allowed() }, checkUlimit)),
  CpuCount: refused(WINDOWS_ONLY),
  CpuPercent: refused(WINDOWS_ONLY),
  IOMaximumIOps: refused(WINDOWS_ONLY),
  IOMaximumBandwidth: refused(WINDOWS_ONLY),
};

export const RESTART_POLICY = struct({
  Name: allowed(oneOf(['', 'no', 'always', 'unless-stopped', 'on-failure'], 'restart policies')),
  MaximumRetryCount: allowed(),
});

const HOST_CONFIG_OWN_FIELDS: Fields = {
  Binds: allowed(volumeBinds),
  ContainerIDFile: refused('the file is written by the docker CLI, not by the engine'),
  LogConfig: struct({ Type: allowed(localLogDriver), Config: allowed(localLogOptions) }),
  NetworkMode: allowed(networkMode),
  PortBindings: mapOf(listOf(struct({ HostIp: allowed(), HostPort: allowed() }))),
  RestartPolicy: RESTART_POLICY,
  AutoRemove: allowed(),
  VolumeDriver: allowed(localVolumeDriver),
  VolumesFrom: allowed(volumesFrom),
  Mounts: listOf(MOUNT),
  CapAdd: allowed(baselineCapabilities),
  CapDrop: allowed(),
  CgroupnsMode: allowed(cgroupnsMode),
  Dns: allowed(),
  DnsOptions: allowed(),
  DnsSearch: allowed(),
  ExtraHosts: allowed(),
  GroupAdd: allowed(),
  IpcMode: allowed(ipcMode),
  Cgroup: adminOnly("joins another container's cgroup"),
  Links: allowed(containerLinks),
  OomScoreAdj: allowed(notBelowZero('a negative score makes the OOM killer pick the host\'s processes first')),
  PidMode: allowed(pidMode),
  Privileged: adminOnly('a privileged container has the host (Kubernetes baseline: privileged)'),
  PublishAllPorts: allowed(),
  ReadonlyRootfs: allowed(),
  SecurityOpt: allowed(narrowingSecurityOptions),
  StorageOpt: adminOnly("storage driver options act on the host's storage"),
  Tmpfs: mapOf(allowed()),
  UTSMode: allowed(utsMode),
  UsernsMode: allowed(usernsMode),
  ShmSize: allowed(),
  Sysctls: allowed(safeSysctls),
  Runtime: allowed(oneOf(['', 'runc'], 'another runtime may not isolate the container')),
  ConsoleSize: allowed(),
  Isolation: allowed(oneOf(['', 'default'], 'isolation modes other than default are for Windows')),
  // The engine's default lists (what inspect reports of any container) are dropped, not refused.
  MaskedPaths: adminOnly('unmasks /proc (systempaths=unconfined; Kubernetes baseline: /proc mount type)', keepsEveryDefault(DEFAULT_MASKED_PATHS)),
  ReadonlyPaths: adminOnly('makes /proc paths writable (systempaths=unconfined; Kubernetes baseline: /proc mount type)', keepsEveryDefault(DEFAULT_READONLY_PATHS)),
  // Not in the v1.41 description, but in the engine's struct since API 1.40: the full capability set.
  Capabilities: adminOnly('replaces the default capability set (Kubernetes baseline: capabilities)'),
};

/** Every field the engine reads into a HostConfig (its own and the embedded Resources). */
export const HOST_CONFIG_FIELDS: Fields = { ...RESOURCES_FIELDS, ...HOST_CONFIG_OWN_FIELDS };
