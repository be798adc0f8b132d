import { z } from 'zod';
import { hostEscapingSettings, volumeDriverEscapes } from '@/lib/policy/host-escaping';
import { serviceHostEscapes, type ServiceMountShape } from '@/lib/policy/service-host-escape';
import type { BodyCheck } from './allow-list';
import { canonicalKeys, type KeyShape } from './go-json-keys';

// The fields each check reads, spelled as the engine's structs do: a body's keys are matched to
// them without regard to case first, as the engine's decoder does (go-json-keys.ts).
const MOUNT_KEYS: KeyShape = { Type: true, Source: true, VolumeOptions: { DriverConfig: { Options: true } } };
const HOST_CONFIG_KEYS: KeyShape = Object.fromEntries(
  ['Privileged', 'PidMode', 'IpcMode', 'NetworkMode', 'UTSMode', 'UsernsMode', 'Binds', 'Devices', 'DeviceRequests', 'DeviceCgroupRules', 'CapAdd', 'SecurityOpt', 'VolumesFrom']
    .map((field): [string, true] => [field, true]),
);
const NETWORK_KEYS: KeyShape = { Target: true };
const BODY_KEYS: Record<BodyCheck, KeyShape> = {
  // Engine 20.10 still reads host settings at the top level (the legacy form), used whole when
  // HostConfig is absent or null: both places are read.
  'container-create': { HostConfig: { ...HOST_CONFIG_KEYS, Mounts: MOUNT_KEYS }, ...HOST_CONFIG_KEYS, Mounts: MOUNT_KEYS, NetworkingConfig: { EndpointsConfig: true } },
  'exec-create': { Privileged: true },
  'volume-create': { DriverOpts: true },
  'service-spec': {
    TaskTemplate: {
      ContainerSpec: {
        Mounts: MOUNT_KEYS,
        CapabilityAdd: true,
        Privileges: {
          CredentialSpec: true,
          SELinuxContext: { Disable: true, User: true, Role: true, Type: true, Level: true },
          Seccomp: { Mode: true },
          AppArmor: { Mode: true },
        },
      },
      PluginSpec: true,
      Runtime: true,
      Networks: NETWORK_KEYS,
    },
    Networks: NETWORK_KEYS,
  },
};

// Only the fields that decide host access are read; the engine validates the rest itself.
const strings = z.array(z.string()).nullish();
const driverOptions = z.record(z.string(), z.string()).nullish();
const mount = z.looseObject({
  Type: z.string().optional(),
  Source: z.string().optional(),
  VolumeOptions: z.looseObject({ DriverConfig: z.looseObject({ Options: driverOptions }).nullish() }).nullish(),
});

export const hostConfigSchema = z.looseObject({
  Privileged: z.boolean().optional(),
  PidMode: z.string().optional(),
  IpcMode: z.string().optional(),
  NetworkMode: z.string().optional(),
  UTSMode: z.string().optional(),
  UsernsMode: z.string().optional(),
  Binds: strings,
  Mounts: z.array(mount).nullish(),
  Devices: z.array(z.unknown()).nullish(),
  DeviceRequests: z.array(z.unknown()).nullish(),
  DeviceCgroupRules: strings,
  CapAdd: strings,
  SecurityOpt: strings,
  VolumesFrom: strings,
});
export type CreateHostConfig = z.infer<typeof hostConfigSchema>;

const containerCreateSchema = hostConfigSchema.extend({
  HostConfig: hostConfigSchema.nullish(),
  NetworkingConfig: z.looseObject({ EndpointsConfig: z.record(z.string(), z.unknown()).nullish() }).nullish(),
});
const execCreateSchema = z.looseObject({ Privileged: z.boolean().optional() });
const volumeCreateSchema = z.looseObject({ DriverOpts: driverOptions });

const modeSchema = z.looseObject({ Mode: z.string().optional() }).nullish();
const networkAttachments = z.array(z.looseObject({ Target: z.string().optional() })).nullish();
const serviceSpecSchema = z.looseObject({
  TaskTemplate: z
    .looseObject({
      ContainerSpec: z
        .looseObject({
          Mounts: z.array(mount).nullish(),
          CapabilityAdd: strings,
          Privileges: z
            .looseObject({
              CredentialSpec: z.unknown().optional(),
              SELinuxContext: z.looseObject({ Disable: z.boolean().optional(), User: z.string().optional(), Role: z.string().optional(), Type: z.string().optional(), Level: z.string().optional() }).nullish(),
              Seccomp: modeSchema,
              AppArmor: modeSchema,
            })
            .nullish(),
        })
        .nullish(),
      PluginSpec: z.unknown().optional(),
      Runtime: z.string().optional(),
      Networks: networkAttachments,
    })
    .nullish(),
  Networks: networkAttachments,
});

export class BodyShapeError extends Error {}

function parse<Schema extends z.ZodType>(schema: Schema, check: BodyCheck, body: unknown, what: string): z.infer<Schema> {
  const parsed = schema.safeParse(canonicalKeys(body, BODY_KEYS[check]));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BodyShapeError(`The ${what} body is not what the Docker API expects at ${issue?.path.join('.') || 'the top'}: ${issue?.message ?? 'invalid'}`);
}

/** The networks a service spec attaches to, as sent (the CLI sends ids). */
export function serviceNetworkTargets(body: unknown): string[] {
  const spec = parse(serviceSpecSchema, 'service-spec', body, 'service');
  return [...(spec.TaskTemplate?.Networks ?? []), ...(spec.Networks ?? [])].map((network) => network.Target ?? '').filter(Boolean);
}

/**
 * A service spec's mounts, as the console's service rules read them. The engine upper-cases a
 * service mount's type before reading it ("BIND" and "Bind" are bind mounts): so do the checks.
 */
export function serviceMounts(body: unknown): ServiceMountShape[] {
  const spec = parse(serviceSpecSchema, 'service-spec', body, 'service');
  return (spec.TaskTemplate?.ContainerSpec?.Mounts ?? []).map((each) => ({
    type: (each.Type ?? 'volume').toLowerCase(),
    source: each.Source ?? '',
    driverOptions: each.VolumeOptions?.DriverConfig?.Options,
  }));
}

/** The settings of a service spec that reach the host, as the console's service rules see them. */
function serviceEscapes(body: unknown, engine: EngineFacts): string[] {
  const spec = parse(serviceSpecSchema, 'service-spec', body, 'service');
  const task = spec.TaskTemplate;
  const container = task?.ContainerSpec;
  const privileges = container?.Privileges;
  const securityOptions: string[] = [];
  if (privileges?.Seccomp?.Mode && privileges.Seccomp.Mode !== 'default') securityOptions.push(`seccomp=${privileges.Seccomp.Mode}`);
  if (privileges?.AppArmor?.Mode && privileges.AppArmor.Mode !== 'default') securityOptions.push(`apparmor=${privileges.AppArmor.Mode}`);
  const selinux = privileges?.SELinuxContext;
  if (selinux && (selinux.Disable || selinux.User || selinux.Role || selinux.Type || selinux.Level)) securityOptions.push('label');
  if (privileges?.CredentialSpec) securityOptions.push('credentialspec');
  const networks = serviceNetworkTargets(body).map((target) => (target === 'host' || engine.hostNetworkTargets.includes(target) ? 'host' : target));
  return serviceHostEscapes({
    mounts: serviceMounts(body),
    escapingVolumes: engine.escapingVolumes,
    capAdd: container?.CapabilityAdd ?? [],
    networks,
    securityOptions,
    plugin: task?.PluginSpec !== undefined || task?.Runtime === 'plugin',
  });
}

/**
 * The host settings of a container create body, as the engine may read them: its HostConfig and
 * the legacy top-level fields (the engine uses those whole when HostConfig is absent or null).
 */
export function createHostConfigs(body: unknown): CreateHostConfig[] {
  const { HostConfig, NetworkingConfig: _networking, ...topLevel } = parse(containerCreateSchema, 'container-create', body, 'container create');
  return [HostConfig ?? {}, topLevel];
}

/** The networks a create body's NetworkingConfig attaches to (the keys of EndpointsConfig). */
export function createEndpointNetworks(body: unknown): string[] {
  return Object.keys(parse(containerCreateSchema, 'container-create', body, 'container create').NetworkingConfig?.EndpointsConfig ?? {});
}

/**
 * A HostConfig with its modes and mount types lower-cased, for the checks: they compare with
 * "host" and "bind", and an engine or a later version that folds case must not walk past them.
 */
export function withFoldedModes(hostConfig: CreateHostConfig): CreateHostConfig {
  const lower = (mode: string | undefined) => mode?.toLowerCase();
  return {
    ...hostConfig,
    PidMode: lower(hostConfig.PidMode),
    IpcMode: lower(hostConfig.IpcMode),
    NetworkMode: lower(hostConfig.NetworkMode),
    UTSMode: lower(hostConfig.UTSMode),
    UsernsMode: lower(hostConfig.UsernsMode),
    Mounts: hostConfig.Mounts?.map((mount) => ({ ...mount, Type: lower(mount.Type) })),
  };
}

/** The escapes of a create body's own settings (not yet those of the objects it names). */
function createEscapes(body: unknown): string[] {
  return [...new Set(createHostConfigs(body).flatMap((hostConfig) => hostEscapingSettings(withFoldedModes(hostConfig))))];
}

/** What the engine said about the objects a service spec names (inspect-body.ts asks it). */
export interface EngineFacts {
  /** The spec's network targets the engine resolves to its host network. */
  hostNetworkTargets: readonly string[];
  /** The spec's named volumes that exist with driver options. */
  escapingVolumes: readonly string[];
}

/**
 * What in a request body escapes to the host, in words (empty: nothing). The rules are the
 * console's own (lib/policy/host-escaping.ts, lib/policy/service-host-escape.ts); `engine` is what the
 * engine knows of the service's networks and volumes. Throws BodyShapeError when a field the
 * check reads has the wrong type.
 */
export function bodyEscapes(check: BodyCheck, body: unknown, engine: EngineFacts = { hostNetworkTargets: [], escapingVolumes: [] }): string[] {
  switch (check) {
    case 'container-create':
      return createEscapes(body);
    case 'exec-create':
      return hostEscapingSettings({ Privileged: parse(execCreateSchema, 'exec-create', body, 'exec').Privileged });
    case 'volume-create':
      return volumeDriverEscapes(parse(volumeCreateSchema, 'volume-create', body, 'volume create').DriverOpts) ? ['volume driver options'] : [];
    case 'service-spec':
      return serviceEscapes(body, engine);
  }
}
