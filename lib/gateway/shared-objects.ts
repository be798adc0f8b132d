import type { CreateHostConfig } from './body-escapes';

/**
 * The containers a new one would share something with: the namespaces of `container:<name>`
 * modes and the volumes of VolumesFrom. Sharing with a container that has the host (an admin's
 * privileged or host-network container) would give the new one the host too.
 */
export function sharedContainers(hostConfig: CreateHostConfig): string[] {
  const names = new Set<string>();
  for (const mode of [hostConfig.NetworkMode, hostConfig.PidMode, hostConfig.IpcMode]) {
    if (mode?.startsWith('container:')) names.add(mode.slice('container:'.length));
  }
  for (const from of hostConfig.VolumesFrom ?? []) {
    const name = from.split(':', 1)[0];
    if (name) names.add(name);
  }
  return [...names];
}

/** The named volumes a new container mounts (`-v name:/path`, `--mount type=volume,src=name`). */
export function namedVolumes(hostConfig: CreateHostConfig): string[] {
  const names = new Set<string>();
  for (const bind of hostConfig.Binds ?? []) {
    const source = bind.split(':', 1)[0];
    if (source && !source.startsWith('/') && bind.includes(':')) names.add(source);
  }
  for (const mount of hostConfig.Mounts ?? []) {
    if ((mount.Type ?? 'volume') === 'volume' && mount.Source) names.add(mount.Source);
  }
  return [...names];
}
