import { volumeDriverEscapes } from './host-escaping';

// Options that let a service's containers reach the host (bind mounts of host paths, added
// capabilities, the host's network, security options, plugin tasks). They are admin-only, as for containers.
export interface ServiceMountShape {
  readonly type: string;
  /** A named volume's name (type volume); empty for an anonymous one. */
  readonly source?: string;
  readonly driverOptions?: Record<string, string> | null;
}

export interface ServiceHostAccess {
  readonly mounts?: readonly ServiceMountShape[];
  /**
   * The named volumes the mounts use that already exist with driver options (an admin's
   * `volume create -o o=bind,device=/…`): mounting one gives the host path as a bind mount would.
   */
  readonly escapingVolumes?: readonly string[];
  readonly capAdd?: readonly string[];
  readonly networks?: readonly string[];
  /** Changed privileges: seccomp, AppArmor, SELinux, credential spec (the API's Privileges). */
  readonly securityOptions?: readonly string[];
  /** A plugin task (TaskTemplate.PluginSpec) installs a plugin, which runs with the host's privileges. */
  readonly plugin?: boolean;
}

/** What in the request escapes to the host, in words; empty when nothing does. */
export function serviceHostEscapes(input: ServiceHostAccess): string[] {
  const reasons: string[] = [];
  if (input.mounts?.some((mount) => mount.type === 'bind')) reasons.push('bind mounts of host paths');
  if ((input.capAdd?.length ?? 0) > 0) reasons.push(`added capabilities (${input.capAdd?.join(', ')})`);
  if (input.mounts?.some((mount) => volumeDriverEscapes(mount.driverOptions))) reasons.push('volume driver options');
  for (const volume of input.escapingVolumes ?? []) reasons.push(`the volume ${volume}, which was made with driver options`);
  if (input.networks?.includes('host')) reasons.push("the host's network");
  if ((input.securityOptions?.length ?? 0) > 0) reasons.push(`security options (${input.securityOptions?.join(', ')})`);
  if (input.plugin) reasons.push('plugin tasks');
  return reasons;
}

/**
 * The named volumes whose existing driver options decide what the mounts get: volume mounts with
 * a source and no options of their own (with options, the engine makes the volume with them, and
 * those are refused as such). Each is looked up on the engine before the service is made.
 */
export function namedVolumesToCheck(mounts: readonly ServiceMountShape[]): string[] {
  const names = mounts.filter((mount) => mount.type === 'volume' && mount.source && !volumeDriverEscapes(mount.driverOptions)).map((mount) => mount.source ?? '');
  return [...new Set(names)];
}
