// Whether an existing container has the host: a non-admin may not exec into it, attach to it,
// copy files in or out, share its namespaces or its volumes, or the exec would hand them what
// create refused (a container an admin made). Read from what the engine says the container is.
import { BASELINE_CAPABILITIES, normalCapability } from './checks/capabilities';
import { SAFE_SYSCTLS, normalSysctl } from './checks/sysctls';
import type { PolicyResolver, ResolvedContainer, ResolvedVolume } from './resolver';

const MAX_SHARING_DEPTH = 4;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] => list(value).filter((item): item is string => typeof item === 'string');

/** A volume that gives a host path: made with driver options (local: o=bind,device=/…) or by a plugin driver. */
export function volumeEscapes(volume: ResolvedVolume): string | null {
  if (Object.keys(volume.options ?? {}).length > 0) return `the volume ${volume.id} was made with driver options, which can mount a host path`;
  if (volume.driver !== '' && volume.driver !== 'local') return `the volume ${volume.id} uses the driver ${volume.driver}, which only an admin may use`;
  return null;
}

function hostConfigEscapes(hostConfig: Readonly<Record<string, unknown>>): string | null {
  if (hostConfig.Privileged === true) return 'it is privileged';
  // CgroupnsMode host is not counted: it is the engine's default on cgroup v1 hosts (every
  // container made without this policy has it) and shows the host's cgroup paths read-only; a
  // non-admin still cannot create one (fields/host-config.ts).
  for (const mode of ['NetworkMode', 'PidMode', 'IpcMode', 'UTSMode', 'UsernsMode']) {
    if (text(hostConfig[mode]).toLowerCase() === 'host') return `it uses the host's namespace (${mode} host)`;
  }
  if (strings(hostConfig.Binds).some((bind) => bind.startsWith('/'))) return 'it bind-mounts a host path';
  for (const field of ['Devices', 'DeviceRequests', 'DeviceCgroupRules', 'Capabilities']) {
    if (list(hostConfig[field]).length > 0) return `it has ${field}`;
  }
  const added = strings(hostConfig.CapAdd).find((name) => !BASELINE_CAPABILITIES.includes(normalCapability(name)));
  if (added) return `it adds the capability ${added}`;
  const option = strings(hostConfig.SecurityOpt).find((each) => !/^no-new-privileges([:=](true|1))?$/i.test(each));
  if (option) return `it has the security option ${option}`;
  if (Array.isArray(hostConfig.MaskedPaths) && hostConfig.MaskedPaths.length === 0) return 'its /proc is unmasked (MaskedPaths empty)';
  if (Array.isArray(hostConfig.ReadonlyPaths) && hostConfig.ReadonlyPaths.length === 0) return 'its /proc is writable (ReadonlyPaths empty)';
  const sysctls = hostConfig.Sysctls && typeof hostConfig.Sysctls === 'object' ? Object.keys(hostConfig.Sysctls) : [];
  const sysctl = sysctls.find((name) => !SAFE_SYSCTLS.includes(normalSysctl(name)));
  if (sysctl) return `it sets the sysctl ${sysctl}`;
  const runtime = text(hostConfig.Runtime);
  if (runtime !== '' && runtime !== 'runc') return `it uses the runtime ${runtime}`;
  if (text(hostConfig.CgroupParent) !== '' || text(hostConfig.Cgroup) !== '') return 'it sets its cgroup';
  const volumeDriver = text(hostConfig.VolumeDriver);
  if (volumeDriver !== '' && volumeDriver !== 'local') return `it uses the volume driver ${volumeDriver}`;
  return null;
}

/**
 * Why the container has the host, or null. Namespaces shared with another container
 * (`container:<id>`) are followed; every mount it has is looked at, including VolumesFrom's.
 */
export async function containerEscapes(container: ResolvedContainer, resolver: PolicyResolver, depth = 0): Promise<string | null> {
  const own = hostConfigEscapes(container.hostConfig);
  if (own) return own;
  for (const mount of container.mounts) {
    const type = (mount.Type ?? '').toLowerCase();
    if (type === 'bind' || type === 'npipe') return `it mounts the host path ${mount.Source ?? ''}`;
    if (type === 'volume' && mount.Name) {
      const volume = await resolver.resolve('volume', mount.Name);
      const escapes = volume ? volumeEscapes(volume) : null;
      if (escapes) return escapes;
    }
  }
  for (const mode of ['NetworkMode', 'PidMode', 'IpcMode']) {
    const value = text(container.hostConfig[mode]);
    if (!value.toLowerCase().startsWith('container:')) continue;
    if (depth >= MAX_SHARING_DEPTH) return `it shares namespaces through too many containers (${mode})`;
    const shared = await resolver.resolve('container', value.slice('container:'.length));
    if (!shared) continue; // the namespace's owner is gone: nothing to share any more
    const escapes = await containerEscapes(shared, resolver, depth + 1);
    if (escapes) return `it shares the ${mode} of ${shared.name}, where ${escapes}`;
  }
  return null;
}
