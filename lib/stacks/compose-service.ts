// One compose service as the swarm ServiceSpec `docker stack deploy` sends for it, following the
// docker CLI's cli/compose/convert (service.go, volume.go): the same names, labels, defaults and
// orderings, so a stack deployed here and one deployed by the CLI have the same specs.
import type { ServiceMount, ServicePort, ServiceSpec } from '@/lib/docker/engine-shapes';
import { ComposeFileError } from './compose-error';
import {
  type ComposeMap,
  booleanAt,
  integerAt,
  isMap,
  keyValuesAt,
  labelsAt,
  mapAt,
  numberAt,
  stringAt,
  stringListAt,
  stringOrListAt,
} from './compose-reader';
import { type StackFileObject, configReferencesOf, secretReferencesOf, serviceFileObjectsOf } from './compose-file-objects';
import { parseBytes, parseCpus, parseDuration, splitCommandLine } from './compose-values';
import { type StackNames, STACK_IMAGE_LABEL } from './stack-names';

/** Service keys converted into the spec. */
const CONVERTED = new Set([
  'image', 'command', 'entrypoint', 'environment', 'labels', 'deploy', 'ports', 'healthcheck', 'volumes', 'networks',
  'hostname', 'user', 'working_dir', 'stop_grace_period', 'stop_signal', 'tty', 'stdin_open', 'read_only', 'init',
  'extra_hosts', 'dns', 'dns_search', 'cap_add', 'cap_drop', 'sysctls', 'ulimits', 'logging', 'restart',
  'secrets', 'configs',
]);

/** Keys `docker stack deploy` ignores (it says so): the deploy ignores them too, with a warning. */
const IGNORED = new Set(['build', 'container_name', 'depends_on', 'links', 'external_links', 'expose', 'cgroup_parent', 'domainname', 'mac_address', 'shm_size', 'profiles', 'pull_policy']);

/** Keys refused, with why: dropping them silently (as the CLI does) would run something else than asked. */
export const REFUSED_SERVICE_KEYS: Readonly<Record<string, string>> = {
  privileged: 'swarm services cannot run privileged (Docker has no such service option); add only the capabilities needed with cap_add',
  network_mode: 'swarm services join networks (networks:), they cannot share the host\'s or another container\'s network namespace',
  pid: 'swarm services cannot share the host\'s process namespace',
  ipc: 'swarm services cannot share the host\'s IPC namespace',
  userns_mode: 'swarm services cannot leave the user namespace setting of the daemon',
  devices: 'swarm services cannot be given host devices',
  security_opt: 'swarm services take no security options',
  env_file: 'an env_file names a file on the machine running the deploy, which the console does not have: paste its variables into the environment, or give the stack an env file for ${VAR}s',
  credential_spec: 'credential specs are for Windows services, which this console does not run',
};

export interface ConvertedService {
  /** The name in the compose file ("web"). */
  readonly key: string;
  readonly spec: ServiceSpec;
  /** Options the deploy ignored, as `services.web.build`. */
  readonly ignored: string[];
}

const durationAt = (value: unknown, path: string): number | undefined => {
  const text = stringAt(value, path);
  if (text === undefined) return undefined;
  const nanoseconds = parseDuration(text);
  if (nanoseconds === null) throw new ComposeFileError(path, `"${text}" is not a duration such as 10s, 1m30s or 500ms`);
  return nanoseconds;
};

const bytesAt = (value: unknown, path: string): number | undefined => {
  if (value === undefined || value === null) return undefined;
  const bytes = typeof value === 'number' || typeof value === 'string' ? parseBytes(value) : null;
  if (bytes === null) throw new ComposeFileError(path, `${JSON.stringify(value)} is not a size such as 512M or 1G`);
  return bytes;
};

const cpusAt = (value: unknown, path: string): number | undefined => {
  if (value === undefined || value === null) return undefined;
  const nano = typeof value === 'number' || typeof value === 'string' ? parseCpus(value) : null;
  if (nano === null) throw new ComposeFileError(path, `${JSON.stringify(value)} is not a number of CPUs such as 0.5`);
  return nano;
};

/** A string is split as a shell would (no expansion); a list is taken as it is. */
function commandAt(value: unknown, path: string): string[] | undefined {
  if (typeof value !== 'string') return stringListAt(value, path);
  try {
    return splitCommandLine(value);
  } catch (error) {
    throw new ComposeFileError(path, error instanceof Error ? error.message : String(error));
  }
}

/** Drops undefined fields, and empty objects/lists where Go's omitempty would. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
const nonEmpty = <T>(list: T[] | undefined): T[] | undefined => (list && list.length > 0 ? list : undefined);
const nonEmptyMap = (map: Record<string, string> | undefined): Record<string, string> | undefined => (map && Object.keys(map).length > 0 ? map : undefined);

function environmentOf(value: unknown, path: string, vars: ReadonlyMap<string, string>): string[] | undefined {
  const entries = [...keyValuesAt(value, path)].map(([key, item]) => {
    // As the CLI: a variable without a value (or an empty one) takes the deploy's value when it has one.
    const resolved = (item === null || item === '') && vars.has(key) ? (vars.get(key) ?? '') : item;
    return resolved === null ? key : `${key}=${resolved}`;
  });
  return nonEmpty(entries.sort());
}

const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;
function protocolAt(value: unknown, path: string): ServicePort['Protocol'] {
  const protocol = stringAt(value, path);
  if (protocol === undefined) return undefined;
  const known = PROTOCOLS.find((name) => name === protocol);
  if (!known) throw new ComposeFileError(path, `"${protocol}" is not a protocol: tcp, udp or sctp`);
  return known;
}

function publishModeAt(value: unknown, path: string): ServicePort['PublishMode'] {
  const mode = stringAt(value, path);
  if (mode === undefined) return undefined;
  if (mode !== 'ingress' && mode !== 'host') throw new ComposeFileError(path, `"${mode}" is not a publish mode: ingress or host`);
  return mode;
}

function portsOf(value: unknown, path: string): ServicePort[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ComposeFileError(path, 'expected a list');
  const ports = value.flatMap((item, index): ServicePort[] => {
    const at = `${path}[${index}]`;
    if (isMap(item)) {
      const target = integerAt(item.target, `${at}.target`);
      if (target === undefined) throw new ComposeFileError(`${at}.target`, 'a port needs its target (the container port)');
      return [compact({ Protocol: protocolAt(item.protocol, `${at}.protocol`), TargetPort: target, PublishedPort: integerAt(item.published, `${at}.published`), PublishMode: publishModeAt(item.mode, `${at}.mode`) })];
    }
    return shortPortsOf(stringAt(item, at) ?? '', at);
  });
  return ports.sort(
    (a, b) => (a.PublishedPort ?? 0) - (b.PublishedPort ?? 0) || (a.TargetPort ?? 0) - (b.TargetPort ?? 0) || (a.Protocol ?? '').localeCompare(b.Protocol ?? '') || (a.PublishMode ?? '').localeCompare(b.PublishMode ?? ''),
  );
}

const range = (text: string, at: string): [number, number] => {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) throw new ComposeFileError(at, `"${text}" is not a port or a port range`);
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (start < 1 || end > 65535 || end < start) throw new ComposeFileError(at, `"${text}" is not within 1-65535`);
  return [start, end];
};

/** "[ip:]published:target[/protocol]" or "target[/protocol]", ranges allowed; ingress mode (the host IP is ignored, as by the CLI). */
function shortPortsOf(text: string, at: string): ServicePort[] {
  const [spec = '', protocol = 'tcp'] = text.split('/');
  const parts = spec.split(':');
  const targetText = parts.at(-1) ?? '';
  const publishedText = parts.length >= 2 ? (parts.at(-2) ?? '') : '';
  const [targetStart, targetEnd] = range(targetText, at);
  const published = publishedText === '' ? null : range(publishedText, at);
  if (published && published[1] - published[0] !== targetEnd - targetStart && published[0] !== published[1]) {
    throw new ComposeFileError(at, 'the published and target ranges differ in length');
  }
  const ports: ServicePort[] = [];
  for (let port = targetStart; port <= targetEnd; port += 1) {
    const publishedPort = published ? (published[0] === published[1] ? published[0] : published[0] + (port - targetStart)) : 0;
    ports.push({ Protocol: protocolAt(protocol.toLowerCase(), at), TargetPort: port, PublishedPort: publishedPort, PublishMode: 'ingress' });
  }
  return ports;
}

function healthcheckOf(value: unknown, path: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  const health = mapAt(value, path);
  const test = typeof health.test === 'string' ? ['CMD-SHELL', health.test] : stringListAt(health.test, `${path}.test`);
  if (booleanAt(health.disable, `${path}.disable`)) {
    if (test && test.length > 0) throw new ComposeFileError(path, 'test and disable cannot be set at the same time');
    return { Test: ['NONE'] };
  }
  const positive = (number: number | undefined) => (number ? number : undefined);
  return compact({
    Test: test,
    Interval: positive(durationAt(health.interval, `${path}.interval`)),
    Timeout: positive(durationAt(health.timeout, `${path}.timeout`)),
    Retries: positive(integerAt(health.retries, `${path}.retries`)),
    StartPeriod: positive(durationAt(health.start_period, `${path}.start_period`)),
    StartInterval: positive(durationAt(health.start_interval, `${path}.start_interval`)),
  });
}

interface ServiceVolume {
  type: string;
  source: string;
  target: string;
  readOnly: boolean;
  noCopy?: boolean;
  propagation?: string;
  tmpfsSize?: number;
}

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);

/** The short syntax "[source:]target[:options]" read as the CLI's volumespec does. */
function shortVolumeOf(text: string, at: string): ServiceVolume {
  const parts = text.split(':');
  if (parts.some((part) => part === '')) throw new ComposeFileError(at, `"${text}" has an empty part between colons`);
  if (parts.length > 3) throw new ComposeFileError(at, `"${text}" has too many colons`);
  const [first = '', second, options = ''] = parts;
  const source = second === undefined ? '' : first;
  const target = second ?? first;
  const volume: ServiceVolume = { type: /^[./~]/.test(source) ? 'bind' : 'volume', source, target, readOnly: false };
  for (const option of options.split(',')) {
    if (option === 'ro') volume.readOnly = true;
    else if (option === 'nocopy') volume.noCopy = true;
    else if (PROPAGATIONS.has(option)) volume.propagation = option;
  }
  return volume;
}

function longVolumeOf(item: ComposeMap, at: string): ServiceVolume {
  const type = stringAt(item.type, `${at}.type`);
  if (!type) throw new ComposeFileError(`${at}.type`, 'give the mount a type: volume, bind or tmpfs');
  const bind = mapAt(item.bind, `${at}.bind`);
  const volume = mapAt(item.volume, `${at}.volume`);
  const tmpfs = mapAt(item.tmpfs, `${at}.tmpfs`);
  return compact({
    type,
    source: stringAt(item.source, `${at}.source`) ?? '',
    target: stringAt(item.target, `${at}.target`) ?? '',
    readOnly: booleanAt(item.read_only, `${at}.read_only`) ?? false,
    noCopy: booleanAt(volume.nocopy, `${at}.volume.nocopy`),
    propagation: stringAt(bind.propagation, `${at}.bind.propagation`),
    tmpfsSize: bytesAt(tmpfs.size, `${at}.tmpfs.size`),
  });
}

/** A mount as the engine API reads it (dockerode's type makes optional fields required). */
interface StackMount {
  Type: string;
  Target: string;
  Source?: string;
  ReadOnly?: boolean;
  BindOptions?: { Propagation: string };
  TmpfsOptions?: { SizeBytes: number };
  VolumeOptions?: { NoCopy?: boolean; Labels?: Record<string, string>; DriverConfig?: { Name?: string; Options?: Record<string, string> } };
}

function mountsOf(value: unknown, path: string, names: StackNames, stackVolumes: ComposeMap): ServiceMount[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new ComposeFileError(path, 'expected a list');
  return value.map((item, index) => mountOf(item, `${path}[${index}]`, names, stackVolumes) as ServiceMount);
}

function mountOf(item: unknown, at: string, names: StackNames, stackVolumes: ComposeMap): StackMount {
  {
    const volume = isMap(item) ? longVolumeOf(item, at) : shortVolumeOf(stringAt(item, at) ?? '', at);
    if (!volume.target.startsWith('/')) throw new ComposeFileError(at, `the target "${volume.target}" is not an absolute path in the container`);
    const base = compact({ Type: volume.type, Target: volume.target, ReadOnly: volume.readOnly || undefined, Source: volume.source || undefined });
    switch (volume.type) {
      case 'bind':
        if (!volume.source.startsWith('/')) {
          throw new ComposeFileError(at, `the host path "${volume.source}" is relative (or ~): the console has no working directory to resolve it against; give an absolute path`);
        }
        return compact({ ...base, BindOptions: volume.propagation ? { Propagation: volume.propagation } : undefined });
      case 'tmpfs':
        if (volume.source) throw new ComposeFileError(at, 'a tmpfs mount has no source');
        return compact({ ...base, TmpfsOptions: volume.tmpfsSize ? { SizeBytes: volume.tmpfsSize } : undefined });
      case 'volume': {
        if (!volume.source) return base; // an anonymous volume
        if (!(volume.source in stackVolumes)) throw new ComposeFileError(at, `the volume "${volume.source}" is not declared under the top-level volumes`);
        const declared = mapAt(stackVolumes[volume.source], `volumes.${volume.source}`);
        const external = declared.external !== undefined && declared.external !== false;
        const named = stringAt(declared.name, `volumes.${volume.source}.name`) ?? (isMap(declared.external) ? stringAt(declared.external.name, `volumes.${volume.source}.external.name`) : undefined);
        const source = named ?? (external ? volume.source : names.scoped(volume.source));
        const noCopy = volume.noCopy ? { NoCopy: true } : {};
        if (external) return { ...base, Source: source, VolumeOptions: noCopy };
        const driver = stringAt(declared.driver, `volumes.${volume.source}.driver`);
        const driverOpts = declared.driver_opts === undefined ? undefined : labelsAt(declared.driver_opts, `volumes.${volume.source}.driver_opts`);
        return {
          ...base,
          Source: source,
          VolumeOptions: compact({
            ...noCopy,
            Labels: names.labelled(labelsAt(declared.labels, `volumes.${volume.source}.labels`)),
            DriverConfig: driver || driverOpts ? compact({ Name: driver, Options: driverOpts }) : undefined,
          }),
        };
      }
      default:
        throw new ComposeFileError(`${at}.type`, `"${volume.type}" mounts are not supported: use volume, bind or tmpfs`);
    }
  }
}

function networksOf(value: unknown, path: string, key: string, names: StackNames, declared: ComposeMap): { Target: string; Aliases?: string[]; DriverOpts?: Record<string, string> }[] {
  const attachments = new Map<string, ComposeMap>();
  if (Array.isArray(value)) for (const [index, item] of value.entries()) attachments.set(stringAt(item, `${path}[${index}]`) ?? '', {});
  else for (const [name, item] of Object.entries(mapAt(value, path))) attachments.set(name, mapAt(item, `${path}.${name}`));
  if (attachments.size === 0) attachments.set('default', {});
  return [...attachments]
    .map(([name, attachment]) => {
      if (name !== 'default' && !(name in declared)) throw new ComposeFileError(`${path}.${name}`, `the network "${name}" is not declared under the top-level networks`);
      const target = networkNameOf(name, declared, names);
      const aliases = stringListAt(attachment.aliases, `${path}.${name}.aliases`) ?? [];
      // As the CLI: the service's own name is an alias on user-defined networks only.
      const userDefined = !['default', 'bridge', 'host', 'none'].includes(target) && !target.startsWith('container:');
      return compact({
        Target: target,
        Aliases: nonEmpty(userDefined ? [...aliases, key] : aliases),
        DriverOpts: attachment.driver_opts === undefined ? undefined : labelsAt(attachment.driver_opts, `${path}.${name}.driver_opts`),
      });
    })
    .sort((a, b) => (a.Target < b.Target ? -1 : a.Target > b.Target ? 1 : 0));
}

/** The Docker name of a compose network: its `name`, an external one's own name, or <stack>_<key>. */
export function networkNameOf(key: string, declared: ComposeMap, names: StackNames): string {
  const network = mapAt(declared[key], `networks.${key}`);
  const name = stringAt(network.name, `networks.${key}.name`);
  if (name) return name;
  if (isMap(network.external)) {
    const legacy = stringAt(network.external.name, `networks.${key}.external.name`);
    if (legacy) return legacy;
  }
  const external = network.external !== undefined && network.external !== false && network.external !== null;
  return external ? key : names.scoped(key);
}

function restartPolicyOf(deploy: ComposeMap, restart: string | undefined, path: string): Record<string, unknown> | undefined {
  if (deploy.restart_policy !== undefined && deploy.restart_policy !== null) {
    const policy = mapAt(deploy.restart_policy, `${path}.deploy.restart_policy`);
    const at = `${path}.deploy.restart_policy`;
    return compact({
      Condition: stringAt(policy.condition, `${at}.condition`),
      Delay: durationAt(policy.delay, `${at}.delay`),
      MaxAttempts: integerAt(policy.max_attempts, `${at}.max_attempts`),
      Window: durationAt(policy.window, `${at}.window`),
    });
  }
  if (!restart || restart === 'no') return undefined;
  const [name = '', count] = restart.split(':');
  const maxAttempts = count === undefined ? undefined : Number(count) > 0 ? Number(count) : undefined;
  if (name === 'always' || name === 'unless-stopped') return compact({ Condition: 'any', MaxAttempts: maxAttempts });
  if (name === 'on-failure') return compact({ Condition: 'on-failure', MaxAttempts: maxAttempts });
  throw new ComposeFileError(`${path}.restart`, `"${restart}" is not a restart policy: no, always, on-failure or unless-stopped`);
}

function rolloutOf(value: unknown, path: string): ServiceSpec['UpdateConfig'] {
  if (value === undefined || value === null) return undefined;
  const config = mapAt(value, path);
  const zeroless = (number: number | undefined) => (number ? number : undefined);
  return compact({
    Parallelism: integerAt(config.parallelism, `${path}.parallelism`) ?? 1,
    Delay: zeroless(durationAt(config.delay, `${path}.delay`)),
    FailureAction: stringAt(config.failure_action, `${path}.failure_action`) || undefined,
    Monitor: zeroless(durationAt(config.monitor, `${path}.monitor`)),
    MaxFailureRatio: zeroless(numberAt(config.max_failure_ratio, `${path}.max_failure_ratio`)),
    Order: stringAt(config.order, `${path}.order`) ?? '',
  });
}

function resourcesOf(value: unknown, path: string): Record<string, unknown> {
  const resources = mapAt(value, path);
  const result: Record<string, unknown> = {};
  if (resources.limits !== undefined && resources.limits !== null) {
    const limits = mapAt(resources.limits, `${path}.limits`);
    result.Limits = compact({
      NanoCPUs: cpusAt(limits.cpus, `${path}.limits.cpus`) || undefined,
      MemoryBytes: bytesAt(limits.memory, `${path}.limits.memory`) || undefined,
      Pids: integerAt(limits.pids, `${path}.limits.pids`) || undefined,
    });
  }
  if (resources.reservations !== undefined && resources.reservations !== null) {
    const reservations = mapAt(resources.reservations, `${path}.reservations`);
    result.Reservations = compact({
      NanoCPUs: cpusAt(reservations.cpus, `${path}.reservations.cpus`) || undefined,
      MemoryBytes: bytesAt(reservations.memory, `${path}.reservations.memory`) || undefined,
    });
  }
  return result;
}

function modeOf(deploy: ComposeMap, path: string): ServiceSpec['Mode'] {
  const mode = stringAt(deploy.mode, `${path}.mode`) ?? 'replicated';
  const replicas = integerAt(deploy.replicas, `${path}.replicas`);
  if ((mode === 'global' || mode === 'global-job') && replicas !== undefined) {
    throw new ComposeFileError(`${path}.replicas`, 'replicas can only be used with replicated or replicated-job mode');
  }
  switch (mode) {
    case 'replicated':
      return { Replicated: compact({ Replicas: replicas }) };
    case 'global':
      return { Global: {} };
    case 'replicated-job':
      return { ReplicatedJob: compact({ MaxConcurrent: replicas, TotalCompletions: replicas }) };
    case 'global-job':
      return { GlobalJob: {} };
    default:
      throw new ComposeFileError(`${path}.mode`, `"${mode}" is not a mode: replicated, global, replicated-job or global-job`);
  }
}

function placementOf(value: unknown, path: string): Record<string, unknown> {
  const placement = mapAt(value, path);
  const preferences = Array.isArray(placement.preferences)
    ? placement.preferences.map((item, index) => ({ Spread: { SpreadDescriptor: stringAt(mapAt(item, `${path}.preferences[${index}]`).spread, `${path}.preferences[${index}].spread`) ?? '' } }))
    : undefined;
  return compact({
    Constraints: nonEmpty(stringListAt(placement.constraints, `${path}.constraints`)),
    Preferences: nonEmpty(preferences),
    MaxReplicas: integerAt(placement.max_replicas_per_node, `${path}.max_replicas_per_node`) || undefined,
  });
}

function ulimitsOf(value: unknown, path: string): { Name: string; Soft: number; Hard: number }[] | undefined {
  const entries = Object.entries(mapAt(value, path)).map(([name, item]) => {
    if (typeof item === 'number' || typeof item === 'string') {
      const single = integerAt(item, `${path}.${name}`) ?? 0;
      return { Name: name, Soft: single, Hard: single };
    }
    const limit = mapAt(item, `${path}.${name}`);
    return { Name: name, Soft: integerAt(limit.soft, `${path}.${name}.soft`) ?? 0, Hard: integerAt(limit.hard, `${path}.${name}.hard`) ?? 0 };
  });
  return nonEmpty(entries.sort((a, b) => a.Name.localeCompare(b.Name)));
}

/** compose's capability lists, as the CLI's EffectiveCapAddCapDrop: "ALL" wins, names get CAP_. */
function capabilitiesOf(add: string[] | undefined, drop: string[] | undefined): { add?: string[]; drop?: string[] } {
  const normalise = (list: string[] | undefined) => [...new Set((list ?? []).map((cap) => cap.trim().toUpperCase()).map((cap) => (cap === 'ALL' || cap.startsWith('CAP_') ? cap : `CAP_${cap}`)))];
  const adds = normalise(add);
  const drops = normalise(drop);
  if (adds.includes('ALL')) return { add: ['ALL'], drop: nonEmpty(drops.filter((cap) => cap !== 'ALL' && !adds.includes(cap)).sort()) };
  if (drops.includes('ALL')) return { add: nonEmpty(adds.sort()), drop: ['ALL'] };
  return { add: nonEmpty(adds.filter((cap) => !drops.includes(cap)).sort()), drop: nonEmpty(drops.filter((cap) => !adds.includes(cap)).sort()) };
}

export function convertService(key: string, value: unknown, context: { names: StackNames; networks: ComposeMap; volumes: ComposeMap; vars: ReadonlyMap<string, string>; secrets: readonly StackFileObject[]; configs: readonly StackFileObject[] }): ConvertedService {
  const path = `services.${key}`;
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(key)) throw new ComposeFileError(path, 'a service name is letters, digits, "_", "." or "-"');
  const service = mapAt(value, path);
  const ignored: string[] = [];
  for (const option of Object.keys(service)) {
    const refused = REFUSED_SERVICE_KEYS[option];
    if (refused && service[option] !== false && service[option] !== null) throw new ComposeFileError(`${path}.${option}`, refused);
    if (IGNORED.has(option)) ignored.push(`${path}.${option}`);
    else if (!refused && !CONVERTED.has(option) && !option.startsWith('x-')) throw new ComposeFileError(`${path}.${option}`, 'not a compose service option a stack deploy supports');
  }
  const image = stringAt(service.image, `${path}.image`);
  if (!image) throw new ComposeFileError(`${path}.image`, 'a stack service needs an image (build is not supported: every node pulls the image)');
  const { names } = context;
  const deploy = mapAt(service.deploy, `${path}.deploy`);
  const logging = service.logging === undefined ? undefined : mapAt(service.logging, `${path}.logging`);
  const dns = stringOrListAt(service.dns, `${path}.dns`);
  const dnsSearch = stringOrListAt(service.dns_search, `${path}.dns_search`);
  const capabilities = capabilitiesOf(stringListAt(service.cap_add, `${path}.cap_add`), stringListAt(service.cap_drop, `${path}.cap_drop`));
  const hosts = [...keyValuesAt(service.extra_hosts, `${path}.extra_hosts`, ':')].filter(([, address]) => address !== null).map(([host, address]) => `${address} ${host}`);
  const ports = portsOf(service.ports, `${path}.ports`);
  const endpointMode = stringAt(deploy.endpoint_mode, `${path}.deploy.endpoint_mode`);
  const sysctls = service.sysctls === undefined ? undefined : labelsAt(service.sysctls, `${path}.sysctls`);

  const containerSpec = compact({
    Image: image,
    Command: commandAt(service.entrypoint, `${path}.entrypoint`),
    Args: commandAt(service.command, `${path}.command`),
    Hostname: stringAt(service.hostname, `${path}.hostname`) || undefined,
    Hosts: nonEmpty(hosts),
    DNSConfig: dns || dnsSearch ? compact({ Nameservers: nonEmpty(dns), Search: nonEmpty(dnsSearch) }) : undefined,
    HealthCheck: healthcheckOf(service.healthcheck, `${path}.healthcheck`),
    Env: environmentOf(service.environment, `${path}.environment`, context.vars),
    Labels: names.labelled(labelsAt(service.labels, `${path}.labels`)),
    Dir: stringAt(service.working_dir, `${path}.working_dir`) || undefined,
    User: stringAt(service.user, `${path}.user`) || undefined,
    // As the CLI: an empty Privileges (the engine stores its fields as null/false).
    Privileges: {},
    Mounts: nonEmpty(mountsOf(service.volumes, `${path}.volumes`, names, context.volumes)),
    StopGracePeriod: durationAt(service.stop_grace_period, `${path}.stop_grace_period`),
    StopSignal: stringAt(service.stop_signal, `${path}.stop_signal`) || undefined,
    TTY: booleanAt(service.tty, `${path}.tty`) || undefined,
    OpenStdin: booleanAt(service.stdin_open, `${path}.stdin_open`) || undefined,
    ReadOnly: booleanAt(service.read_only, `${path}.read_only`) || undefined,
    Init: booleanAt(service.init, `${path}.init`),
    Sysctls: nonEmptyMap(sysctls),
    CapabilityAdd: capabilities.add,
    CapabilityDrop: capabilities.drop,
    Ulimits: ulimitsOf(service.ulimits, `${path}.ulimits`),
    Secrets: secretReferencesOf(serviceFileObjectsOf('secrets', service.secrets, `${path}.secrets`, context.secrets)),
    Configs: configReferencesOf(serviceFileObjectsOf('configs', service.configs, `${path}.configs`, context.configs)),
  });
  const spec: ServiceSpec = {
    Name: names.scoped(key),
    Labels: { ...names.labelled(labelsAt(deploy.labels, `${path}.deploy.labels`)), [STACK_IMAGE_LABEL]: image },
    TaskTemplate: compact({
      ContainerSpec: containerSpec,
      LogDriver: logging ? compact({ Name: stringAt(logging.driver, `${path}.logging.driver`) ?? '', Options: nonEmptyMap(labelsAt(logging.options, `${path}.logging.options`)) }) : undefined,
      Resources: resourcesOf(deploy.resources, `${path}.deploy.resources`),
      RestartPolicy: restartPolicyOf(deploy, stringAt(service.restart, `${path}.restart`), path),
      Placement: placementOf(deploy.placement, `${path}.deploy.placement`),
      Networks: networksOf(service.networks, `${path}.networks`, key, names, context.networks),
    }),
    EndpointSpec: compact({ Mode: endpointMode ? endpointMode.toLowerCase() : undefined, Ports: nonEmpty(ports) }),
    Mode: modeOf(deploy, `${path}.deploy`),
    ...compact({ UpdateConfig: rolloutOf(deploy.update_config, `${path}.deploy.update_config`), RollbackConfig: rolloutOf(deploy.rollback_config, `${path}.deploy.rollback_config`) }),
  };
  return { key, spec, ignored };
}
