// What a caller may ask of a container: the create body, limits, lifecycle actions, remove,
// scale, bulk actions, and the logs and live-list queries. Checked before anything reaches Docker.
import { z } from 'zod';
import { CPUSET_PATTERN } from './cpuset';
import { PLACEMENT_STRATEGIES } from '@/lib/placement/strategy';

/** Docker's rule for container names. */
export const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
// NAME=value, or classic swarm's placement rules constraint:node==h2 / affinity:container==web.
const ENV_ENTRY = /^([A-Za-z_][A-Za-z0-9_]*=|(constraint|affinity):)/;
export const RESTART_POLICIES = ['no', 'always', 'unless-stopped', 'on-failure'] as const;
/** Docker refuses less memory than this. */
export const MIN_MEMORY_MB = 6;

const port = z.number({ message: 'A port is a number from 1 to 65535' }).int('A port is a whole number').min(1, 'Ports start at 1').max(65535, 'Ports end at 65535');

export const containerNameSchema = z
  .string({ message: 'Give a name' })
  .min(1, 'Give a name')
  .max(128, 'Use at most 128 characters')
  .regex(CONTAINER_NAME, 'Use letters, digits, dots, dashes and underscores, starting with a letter or digit');

export const cpusSchema = z
  .number({ message: 'CPU cores is a number, e.g. 0.5 or 2' })
  .min(0.01, 'Give at least 0.01 cores')
  .refine((value) => Number.isInteger(Math.round(value * 100)) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'Use at most two decimals');

export const cpusetSchema = z.string().regex(CPUSET_PATTERN, 'Use core numbers and ranges, e.g. 0, 0-1 or 0,2-3');

export const memoryMbSchema = z
  .number({ message: 'Memory is a number of MiB' })
  .int('Memory is a whole number of MiB')
  .min(MIN_MEMORY_MB, `Docker needs at least ${MIN_MEMORY_MB} MiB`);

/**
 * What a user may ask for when creating a container. Unknown keys are refused, so a typo
 * ("cpu" for "cpus") is a 422 instead of a silently ignored limit.
 */
export const createContainerSchema = z.strictObject({
  image: z.string({ message: 'Give an image, e.g. busybox:latest' }).trim().min(1, 'Give an image, e.g. busybox:latest').max(512, 'Use at most 512 characters'),
  name: containerNameSchema.optional(),
  command: z.array(z.string(), { message: 'The command is a list of words' }).max(256, 'Use at most 256 words').optional(),
  env: z.array(z.string().regex(ENV_ENTRY, 'Write NAME=value; the name is letters, digits and underscores'), { message: 'Environment is a list of NAME=value' }).max(512).optional(),
  ports: z
    .array(
      z.strictObject({
        containerPort: port,
        hostPort: port.optional(),
        protocol: z.enum(['tcp', 'udp'], { message: 'Protocol is tcp or udp' }).default('tcp'),
        hostIp: z.ipv4({ message: 'Host IP is an IPv4 address' }).optional(),
      }),
    )
    .max(64)
    .optional(),
  volumes: z
    .array(
      z.strictObject({
        source: z
          .string()
          .min(1, 'Give a volume name or, for an admin, an absolute host path')
          .refine((value) => value.startsWith('/') || VOLUME_NAME.test(value), 'A volume name is letters, digits, dots, dashes and underscores; a host path starts with /'),
        target: z.string().startsWith('/', 'The path in the container starts with /'),
        readOnly: z.boolean().default(false),
      }),
    )
    .max(64)
    .optional(),
  restartPolicy: z.enum(RESTART_POLICIES, { message: `Choose one of: ${RESTART_POLICIES.join(', ')}` }).default('no'),
  maxRetries: z.number().int('A whole number').min(0).max(1000).optional(),
  labels: z.record(z.string().min(1, 'A label needs a key').max(256), z.string().max(4096), { message: 'Labels are key: value pairs' }).optional(),
  /** Default: the flat network. "host" is a host namespace and admin-only. */
  network: z.string().min(1, 'Give a network name').max(256).optional(),
  ipv4Address: z.ipv4({ message: 'A fixed address is an IPv4 address, e.g. 10.0.0.20' }).optional(),
  cpus: cpusSchema.optional(),
  cpuset: cpusetSchema.optional(),
  memoryMb: memoryMbSchema.optional(),
  /** The host (engine) to create on; default: placed on any host that fits (docs/placement.md). */
  host: z.string().min(1).optional(),
  /** Whole cores for this container alone: the console picks them (and the host) and pins the container to them. */
  cores: z.number({ message: 'cores is a number of whole cores' }).int('cores is a whole number of cores').min(1, 'Ask for at least 1 core').max(1024, 'At most 1024 cores').optional(),
  /** How to choose among the hosts that fit; default SHIPYARD_PLACEMENT_STRATEGY. */
  strategy: z.enum(PLACEMENT_STRATEGIES, { message: `strategy is ${PLACEMENT_STRATEGIES.join(' or ')}` }).optional(),
  start: z.boolean().default(true),
  // Host-escaping options: admin-only (see host-escaping.ts).
  privileged: z.boolean().default(false),
  hostPid: z.boolean().default(false),
  hostIpc: z.boolean().default(false),
  devices: z.array(z.string().startsWith('/dev/', 'A device is a path under /dev/')).max(64).optional(),
  capAdd: z.array(z.string().regex(/^[A-Z_]+$/, 'A capability is upper-case, e.g. NET_ADMIN')).max(64).optional(),
  securityOpt: z.array(z.string().min(1)).max(64).optional(),
});

export type CreateContainerInput = z.infer<typeof createContainerSchema>;

export const updateLimitsSchema = z
  .strictObject({ cpus: cpusSchema.optional(), cpuset: cpusetSchema.optional(), memoryMb: memoryMbSchema.optional() })
  .refine((value) => value.cpus !== undefined || value.cpuset !== undefined || value.memoryMb !== undefined, 'Give cpus, cpuset or memoryMb');
export type UpdateLimitsInput = z.infer<typeof updateLimitsSchema>;

// The lifecycle actions' bodies (POST /containers/{id}/{action}).
const timeoutSeconds = z.number().int('A whole number of seconds').min(0).max(600, 'At most 600 seconds');

/** The body each simple lifecycle action accepts. */
export const lifecycleSchemas = {
  start: z.strictObject({}),
  stop: z.strictObject({ timeoutSeconds: timeoutSeconds.optional() }),
  restart: z.strictObject({ timeoutSeconds: timeoutSeconds.optional() }),
  kill: z.strictObject({ signal: z.string().regex(/^(SIG)?[A-Z0-9]+$/, 'A signal name, e.g. SIGKILL or TERM').default('SIGKILL') }),
  pause: z.strictObject({}),
  unpause: z.strictObject({}),
  rename: z.strictObject({ name: containerNameSchema }),
} as const;

export type LifecycleAction = keyof typeof lifecycleSchemas;
export type LifecycleBody<Action extends LifecycleAction> = z.infer<(typeof lifecycleSchemas)[Action]>;

export function isLifecycleAction(action: string): action is LifecycleAction {
  return Object.hasOwn(lifecycleSchemas, action);
}

const onOff = (name: string) =>
  z
    .enum(['true', 'false', '1', '0'], { message: `${name} is true or false` })
    .optional()
    .transform((value) => value === 'true' || value === '1');

/** DELETE /containers/{id}?force=&volumes= (the other parameters, such as host, are read apart). */
export const removeContainerQuerySchema = z.object({ force: onOff('force'), volumes: onOff('volumes') });

export const MAX_SCALE = 50;
export const scaleSchema = z.strictObject({
  count: z.number({ message: 'count is a number of copies' }).int('A whole number of copies').min(1, 'Make at least 1 copy').max(MAX_SCALE, `At most ${MAX_SCALE} copies at once`),
});

export const BULK_ACTIONS = ['start', 'stop', 'restart', 'remove'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const bulkSchema = z.strictObject({
  action: z.enum(BULK_ACTIONS, { message: `action is one of ${BULK_ACTIONS.join(', ')}` }),
  targets: z
    .array(
      z.strictObject({
        id: z.string().trim().min(1, 'Give the container id or name').max(256),
        host: z.string().trim().min(1, 'Give the host the container is on').max(256),
      }),
    )
    .min(1, 'Select at least one container')
    .max(200, 'At most 200 containers at once'),
});

export type BulkInput = z.infer<typeof bulkSchema>;

const flag = z.enum(['true', 'false', '1', '0'], { message: 'Use true or false' }).optional();

/** The query of a logs request: ?tail=200&since=…&timestamps=true&follow=true */
export const logsQuerySchema = z.object({
  tail: z.string().regex(/^(all|\d{1,6})$/, 'tail is a number of lines (at most 999999) or all').default('200'),
  since: z
    .string()
    .refine((value) => /^\d{1,12}$/.test(value) || !Number.isNaN(Date.parse(value)), 'since is a Unix time in seconds or an ISO date, e.g. 2024-05-01T12:00:00Z')
    .optional(),
  timestamps: flag,
  follow: flag,
  host: z.string().min(1).optional(),
});
export type LogsQuery = z.infer<typeof logsQuerySchema>;

/** GET /containers/events?since=: the time the list was read, so the stream knows whether anything changed since. */
export const containerEventsQuerySchema = z.object({
  since: z.coerce.number({ message: 'since is the time the list was read, in milliseconds since 1970' }).int().nonnegative().optional(),
});
