import { volumeDriverEscapes } from '@/lib/containers/host-escaping';

// Options that let a service's containers reach the host (bind mounts of host paths, added
// capabilities, the host's network, security options, plugin tasks). They are admin-only, as for containers.
export interface ServiceHostAccess {
  readonly mounts?: readonly { readonly type: string; readonly driverOptions?: Record<string, string> | null }[];
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
  if (input.networks?.includes('host')) reasons.push("the host's network");
  if ((input.securityOptions?.length ?? 0) > 0) reasons.push(`security options (${input.securityOptions?.join(', ')})`);
  if (input.plugin) reasons.push('plugin tasks');
  return reasons;
}
