import { AppError } from '@/lib/errors/app-error';
import type { Role } from '@/prisma-free-db/schemas/account';
import type { CreateContainerInput } from '@/lib/containers/container-schema';

/**
 * Options that give a container the host: privileged mode, host bind mounts, host namespaces,
 * devices, added capabilities, security options. Only an admin may use them, on every path
 * (create, scale by cloning), whatever the containers:write permission says.
 */
export function hostEscapingFields(input: CreateContainerInput): string[] {
  const fields: string[] = [];
  if (input.privileged) fields.push('privileged');
  if (input.hostPid) fields.push('hostPid');
  if (input.hostIpc) fields.push('hostIpc');
  if (input.network === 'host') fields.push('network');
  input.volumes?.forEach((volume, index) => {
    if (volume.source.startsWith('/')) fields.push(`volumes.${index}.source`);
  });
  if (input.devices?.length) fields.push('devices');
  if (input.capAdd?.length) fields.push('capAdd');
  if (input.securityOpt?.length) fields.push('securityOpt');
  return fields;
}

/** The part of an inspected HostConfig that can escape the container. */
export interface HostConfigShape {
  Privileged?: boolean;
  PidMode?: string;
  IpcMode?: string;
  NetworkMode?: string;
  UTSMode?: string;
  UsernsMode?: string;
  Binds?: string[] | null;
  Mounts?: { Type?: string; VolumeOptions?: { DriverConfig?: { Options?: Record<string, string> | null } | null } | null }[] | null;
  Devices?: unknown[] | null;
  DeviceRequests?: unknown[] | null;
  DeviceCgroupRules?: string[] | null;
  CapAdd?: string[] | null;
  SecurityOpt?: string[] | null;
}

/** The same check for an existing container's configuration (what a clone would copy). */
export function hostEscapingSettings(hostConfig: HostConfigShape): string[] {
  const found: string[] = [];
  if (hostConfig.Privileged) found.push('privileged mode');
  if (hostConfig.PidMode === 'host') found.push('the host PID namespace');
  if (hostConfig.IpcMode === 'host') found.push('the host IPC namespace');
  if (hostConfig.NetworkMode === 'host') found.push('the host network');
  if (hostConfig.UTSMode === 'host') found.push('the host UTS namespace');
  if (hostConfig.UsernsMode === 'host') found.push('the host user namespace');
  if ((hostConfig.Binds ?? []).some((bind) => bind.startsWith('/'))) found.push('host bind mounts');
  if ((hostConfig.Mounts ?? []).some((mount) => mount.Type === 'bind')) found.push('host bind mounts');
  if ((hostConfig.Mounts ?? []).some((mount) => volumeDriverEscapes(mount.VolumeOptions?.DriverConfig?.Options))) found.push('volume driver options');
  const devices = [hostConfig.Devices, hostConfig.DeviceRequests, hostConfig.DeviceCgroupRules];
  if (devices.some((list) => (list ?? []).length > 0)) found.push('devices');
  if ((hostConfig.CapAdd ?? []).length > 0) found.push('added capabilities');
  if ((hostConfig.SecurityOpt ?? []).length > 0) found.push('security options');
  return [...new Set(found)];
}

/**
 * Driver options of a volume (`--opt type=none --opt o=bind --opt device=/`) can mount any host
 * path through the local driver, so a volume with options is as host-escaping as a bind mount.
 */
export function volumeDriverEscapes(options: Record<string, string> | null | undefined): boolean {
  return Object.keys(options ?? {}).length > 0;
}

export class HostEscapingRefusedError extends AppError {
  constructor(what: string[]) {
    super('FORBIDDEN', `Only an admin may use host-escaping options: ${what.join(', ')}`, {
      fields: what.map((path) => ({ path, message: 'Only an admin may use this option: it gives the container the host' })),
    });
  }
}

export function assertMayUseHostOptions(role: Role, what: string[]): void {
  if (role !== 'admin' && what.length > 0) throw new HostEscapingRefusedError(what);
}
