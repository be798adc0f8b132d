// The body of POST /containers/create as engine 20.10 reads it (runconfig ContainerConfigWrapper):
// Config's fields at the top level, HostConfig and NetworkingConfig, and, because the wrapper
// also embeds a HostConfig, every host setting at the top level too. Those legacy top-level
// settings ARE the host config when HostConfig is absent or null; when HostConfig is set, only
// Memory, MemorySwap, CpuShares, CpusetCpus and VolumeDriver are taken from the top level (where
// HostConfig leaves them zero), and the deprecated Cpuset fills CpusetCpus. The forwarded body
// says it all in HostConfig, so no engine version can read it differently.
import { fieldNameFor, decodeStruct } from './decode-fields';
import { isZeroValue, type DecodeContext } from './field-rules';
import { CONTAINER_CONFIG_FIELDS } from './fields/container-config';
import { NETWORKING_CONFIG_FIELDS } from './fields/endpoint-settings';
import { HOST_CONFIG_FIELDS } from './fields/host-config';
import { foldKey, isJsonObject } from './go-json';
import { refuse } from './refusal';

/** Top-level host settings the engine still takes when HostConfig is set (getHostConfig). */
const MERGED_LEGACY_FIELDS = ['Memory', 'MemorySwap', 'CpuShares', 'CpusetCpus', 'VolumeDriver'];

interface CreateBodyParts {
  config: Record<string, unknown>;
  hostConfig: unknown;
  networkingConfig: unknown;
  cpuset: unknown;
  legacy: Record<string, unknown>;
}

function splitCreateBody(body: Record<string, unknown>): CreateBodyParts {
  const parts: CreateBodyParts = { config: {}, hostConfig: undefined, networkingConfig: undefined, cpuset: undefined, legacy: {} };
  for (const [key, value] of Object.entries(body)) {
    const folded = foldKey(key);
    if (folded === 'HOSTCONFIG') parts.hostConfig = value;
    else if (folded === 'NETWORKINGCONFIG') parts.networkingConfig = value;
    else if (folded === 'CPUSET') parts.cpuset = value;
    else if (fieldNameFor(CONTAINER_CONFIG_FIELDS, key) === undefined && fieldNameFor(HOST_CONFIG_FIELDS, key) !== undefined) {
      parts.legacy[fieldNameFor(HOST_CONFIG_FIELDS, key) ?? key] = value;
    } else parts.config[key] = value;
  }
  return parts;
}

/** The effective host config, raw, and the path its fields are named under in refusals. */
function effectiveHostConfig(parts: CreateBodyParts): { raw: Record<string, unknown> | undefined; path: string } {
  const inner = parts.hostConfig;
  let raw: Record<string, unknown> | undefined;
  let path = 'HostConfig';
  if (inner === undefined || inner === null) {
    // No HostConfig: the top-level host settings are the host config (none at all: the engine's default).
    raw = Object.keys(parts.legacy).length > 0 ? { ...parts.legacy } : undefined;
    path = '';
  } else {
    if (!isJsonObject(inner)) return refuse(400, 'must be a JSON object', 'HostConfig');
    raw = { ...inner };
    for (const [name, value] of Object.entries(parts.legacy)) {
      if (isZeroValue(value)) continue;
      if (!MERGED_LEGACY_FIELDS.includes(name)) {
        refuse(400, `the engine ignores this top-level host setting because HostConfig is set: send it inside HostConfig`, name);
      }
      const innerKey = Object.keys(raw).find((key) => foldKey(key) === foldKey(name));
      if (innerKey === undefined) raw[name] = value;
      else if (isZeroValue(raw[innerKey])) raw[innerKey] = value;
    }
  }
  if (raw && !isZeroValue(parts.cpuset)) {
    const cpusKey = Object.keys(raw).find((key) => foldKey(key) === 'CPUSETCPUS');
    if (cpusKey === undefined) raw.CpusetCpus = parts.cpuset;
    else if (isZeroValue(raw[cpusKey])) raw[cpusKey] = parts.cpuset;
  }
  return { raw, path };
}

/**
 * The create body to forward: Config's fields, HostConfig (merged as the engine merges it, with
 * CgroupnsMode made explicit), NetworkingConfig; every field checked. Throws RefusedRequest.
 */
export function decodeContainerCreate(body: unknown, context: DecodeContext): Record<string, unknown> {
  if (!isJsonObject(body)) return refuse(400, 'a container create needs a JSON object body');
  const parts = splitCreateBody(body);
  const config = decodeStruct(parts.config, CONTAINER_CONFIG_FIELDS, '', context) ?? {};
  const { raw, path } = effectiveHostConfig(parts);
  const hostConfig = decodeStruct(raw ?? {}, HOST_CONFIG_FIELDS, path, context) ?? {};
  // An empty CgroupnsMode is the daemon's default, which is "host" on cgroup v1 hosts (and for
  // API versions before 1.41 there): say "private" so no engine reads the host's.
  if (hostConfig.CgroupnsMode === undefined || hostConfig.CgroupnsMode === '') hostConfig.CgroupnsMode = 'private';
  const networkingConfig = decodeStruct(parts.networkingConfig, NETWORKING_CONFIG_FIELDS, 'NetworkingConfig', context);
  return { ...config, HostConfig: hostConfig, ...(networkingConfig ? { NetworkingConfig: networkingConfig } : {}) };
}
