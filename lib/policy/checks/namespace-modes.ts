// The namespace modes of a container: the host's namespaces are admin-only (Kubernetes baseline:
// hostNetwork, hostPID, hostIPC), another container's only when that container does not itself
// have the host, and a network named by a user must not be the host's network (by name or by id).
import type { FieldAt, ValueCheck } from '../field-rules';
import { containedContainer, nonHostNetwork } from '../references';
import { refuse } from '../refusal';
import { asString } from './values';

const CONTAINER_PREFIX = 'container:';

function sharedContainer(value: string, at: FieldAt): string {
  const ref = value.slice(CONTAINER_PREFIX.length);
  if (ref === '') return refuse(400, 'container: needs a container name or id', at.path);
  at.context.references.push(containedContainer(ref, at.path, (id) => at.replace(`${CONTAINER_PREFIX}${id}`)));
  return `${CONTAINER_PREFIX}${ref}`;
}

function hostRefused(value: string, at: FieldAt): void {
  if (value.toLowerCase() === 'host') refuse(403, "only an admin may use the host's namespace (Kubernetes baseline: host namespaces)", at.path);
}

/** A mode that is one of `plain` (compared without regard to case), host (admin-only) or, when `sharable`, container:<ref>. */
function namespaceMode(plain: readonly string[], sharable: boolean): ValueCheck {
  return (value, at) => {
    const mode = asString(value, at);
    hostRefused(mode, at);
    const known = plain.find((each) => each === mode.toLowerCase());
    if (known !== undefined) return known;
    if (sharable && mode.toLowerCase().startsWith(CONTAINER_PREFIX)) return sharedContainer(mode, at);
    const shown = [...plain.map((each) => (each === '' ? '""' : each)), ...(sharable ? ['container:<name>'] : [])].join(', ');
    return refuse(403, `"${mode}" is not allowed; a non-admin may use: ${shown}`, at.path);
  };
}

export const pidMode = namespaceMode([''], true);
export const ipcMode = namespaceMode(['', 'none', 'private', 'shareable'], true);
export const utsMode = namespaceMode([''], false);
export const usernsMode = namespaceMode([''], false);
export const cgroupnsMode = namespaceMode(['', 'private'], false);

/** The networks every engine has under these names; `host` is refused, the others need no lookup. */
const BUILTIN_NETWORKS: readonly string[] = ['', 'default', 'bridge', 'none'];

/** HostConfig.NetworkMode: bridge/none/default, a user network (not the host's), or container:<ref>. */
export const networkMode: ValueCheck = (value, at) => {
  const mode = asString(value, at);
  hostRefused(mode, at);
  if (BUILTIN_NETWORKS.includes(mode)) return mode;
  if (mode.toLowerCase().startsWith(CONTAINER_PREFIX)) return sharedContainer(mode, at);
  at.context.references.push(nonHostNetwork(mode, at.path, (id) => at.replace(id)));
  return mode;
};

/** A key of NetworkingConfig.EndpointsConfig: a network, resolved and forwarded by id. */
export function endpointNetworkKey(key: string, at: FieldAt, rename: (forwardedKey: string) => void): void {
  hostRefused(key, at);
  if (BUILTIN_NETWORKS.includes(key)) return;
  at.context.references.push(nonHostNetwork(key, at.path, rename));
}

/** A network a service or a connect names: resolved, not the host's, forwarded by id. */
export const networkTarget: ValueCheck = (value, at) => {
  const target = asString(value, at);
  hostRefused(target, at);
  at.context.references.push(nonHostNetwork(target, at.path, (id) => at.replace(id)));
  return target;
};
