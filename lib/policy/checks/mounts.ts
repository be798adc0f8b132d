// Storage a non-admin may use: named and anonymous volumes (of the local driver, without driver
// options, which can bind any host path) and tmpfs. Host paths (Binds with a path, Mounts of
// type bind or npipe) are admin-only: Kubernetes baseline's hostPath volumes.
import type { FieldAt, ValueCheck } from '../field-rules';
import { containedContainer, containedVolume, mustResolve } from '../references';
import { refuse } from '../refusal';
import { asString, asStringList } from './values';

/** The engine's rule for a volume name. */
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const BIND_MODES = new Set(['ro', 'rw', 'z', 'Z', 'nocopy']);

const isModeList = (text: string): boolean => text.split(',').every((mode) => BIND_MODES.has(mode));

/** HostConfig.Binds: `volume:/path[:mode]` or `/path` (anonymous); a host path source is admin-only. */
export const volumeBinds: ValueCheck = (value, at) =>
  asStringList(value, at).map((bind, index) => {
    const path = `${at.path}[${index}]`;
    const parts = bind.split(':');
    if (parts.length === 1) return bind; // an anonymous volume at that path
    if (parts.length === 2 && parts[0]?.startsWith('/') && isModeList(parts[1] ?? '')) return bind; // anonymous, with a mode
    if (parts.length > 3) return refuse(400, `"${bind}" is not source:destination[:mode]`, path);
    const [source = '', , mode] = parts;
    if (!VOLUME_NAME.test(source)) return refuse(403, `only an admin may bind-mount a host path (${source}); use a named volume (Kubernetes baseline: hostPath volumes)`, path);
    if (mode !== undefined && !isModeList(mode)) return refuse(403, `the mount mode "${mode}" is not allowed; a non-admin may use: ${[...BIND_MODES].join(', ')}`, path);
    at.context.references.push(containedVolume(source, path));
    return bind;
  });

/** A Mount (container or service): type volume or tmpfs, checked across its fields. */
export function checkMount(mount: Record<string, unknown>, at: FieldAt): void {
  const type = mount.Type;
  if (type === undefined) return refuse(403, 'a mount needs a Type: a service mount without one is a bind mount of a host path', `${at.path}.Type`);
  const source = typeof mount.Source === 'string' ? mount.Source : '';
  if (type === 'tmpfs') {
    if (source !== '') refuse(400, 'a tmpfs mount has no source', `${at.path}.Source`);
    if (mount.VolumeOptions !== undefined) refuse(400, 'VolumeOptions is for volume mounts', `${at.path}.VolumeOptions`);
    return;
  }
  if (mount.TmpfsOptions !== undefined) refuse(400, 'TmpfsOptions is for tmpfs mounts', `${at.path}.TmpfsOptions`);
  if (source === '') return; // an anonymous volume
  if (!VOLUME_NAME.test(source)) return refuse(403, `only an admin may mount a host path (${source}); use a volume name`, `${at.path}.Source`);
  at.context.references.push(containedVolume(source, `${at.path}.Source`));
}

/** HostConfig.VolumesFrom: `container[:ro|rw]`, whose volumes must not be host paths; forwarded by id. */
export const volumesFrom: ValueCheck = (value, at) => {
  const entries = asStringList(value, at);
  const forwarded = [...entries];
  entries.forEach((entry, index) => {
    const [ref = '', mode] = entry.split(':');
    const path = `${at.path}[${index}]`;
    if (mode !== undefined && mode !== 'ro' && mode !== 'rw') refuse(400, `"${mode}" is not ro or rw`, path);
    at.context.references.push(
      containedContainer(ref, path, (id) => {
        forwarded[index] = mode === undefined ? id : `${id}:${mode}`;
        at.replace(forwarded);
      }),
    );
  });
  return forwarded;
};

/** Links: `container[:alias]`, resolved and forwarded by id (a link gives names and variables, not the host). */
export const containerLinks: ValueCheck = (value, at) => {
  const entries = asStringList(value, at);
  const forwarded = [...entries];
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const ref = separator === -1 ? entry : entry.slice(0, separator);
    const alias = separator === -1 ? ref.replace(/^\//, '') : entry.slice(separator + 1);
    const path = `${at.path}[${index}]`;
    at.context.references.push(async (resolver) => {
      const container = await mustResolve(resolver, 'container', ref.replace(/^\//, ''), path);
      forwarded[index] = `${container.id}:${alias}`;
      at.replace(forwarded);
    });
  });
  return forwarded;
};

/** A mount's volume driver: the local one only (a plugin driver may hand out host paths). */
export const localVolumeDriver: ValueCheck = (value, at) => {
  const driver = asString(value, at);
  if (driver !== '' && driver.toLowerCase() !== 'local') return refuse(403, `only an admin may use the volume driver ${driver}`, at.path);
  return driver.toLowerCase();
};
