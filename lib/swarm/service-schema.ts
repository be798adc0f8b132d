// What a caller may ask of a swarm service, checked before anything reaches Docker: the create
// body, and the update body (each field optional; null clears a limit or the command).
import { z } from 'zod';
import { attachmentsSchema } from './service-attachments';

const serviceName = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/, 'Use 1 to 63 letters, digits or dashes, starting with a letter or digit');
const image = z.string().trim().min(1, 'Name an image, e.g. nginx:1.27').max(512);
const cpus = (what: string) => z.number().min(0.001, `${what} is a positive number of CPUs, e.g. 0.5`).max(1024);
// Docker refuses a container memory limit under 6 MB; swarm reservations under 4 MiB.
const megabytes = (what: string) => z.number().int(`${what} is a whole number of megabytes`).min(6, `${what} is at least 6 MB`).max(4_194_304);
const seconds = (what: string) => z.number().min(0, `${what} is a number of seconds, 0 or more`).max(86_400, `${what} is at most 86400 seconds (a day)`);

const mount = z.strictObject({
  type: z.enum(['bind', 'volume', 'tmpfs']),
  source: z.string().max(4096).default(''),
  target: z.string().startsWith('/', 'The target is an absolute path in the container'),
  readOnly: z.boolean().default(false),
});

export const servicePortSchema = z.strictObject({
  target: z.number().int().min(1, 'The target port is 1 to 65535').max(65535, 'The target port is 1 to 65535'),
  published: z.number().int().min(1, 'The published port is 1 to 65535').max(65535, 'The published port is 1 to 65535').optional(),
  protocol: z.enum(['tcp', 'udp'], { message: 'Choose tcp or udp' }).default('tcp'),
  /** ingress: the routing mesh answers on every node; host: only the node running the task. */
  mode: z.enum(['ingress', 'host'], { message: 'Choose ingress or host' }).default('ingress'),
});
export type ServicePortInput = z.infer<typeof servicePortSchema>;

/** How Docker replaces tasks during an update (UpdateConfig) or a rollback (RollbackConfig). */
const rolloutPolicy = <Actions extends readonly [string, ...string[]]>(failureActions: Actions) =>
  z.strictObject({
    parallelism: z.number().int().min(0, 'parallelism is 0 (all at once) or more tasks at a time').max(1000).default(1),
    delaySeconds: seconds('delaySeconds').default(0),
    failureAction: z.enum(failureActions, { message: `Choose ${failureActions.join(', ')}` }).default(failureActions[0]),
    monitorSeconds: seconds('monitorSeconds').default(5),
    maxFailureRatio: z.number().min(0, 'maxFailureRatio is a fraction from 0 to 1').max(1, 'maxFailureRatio is a fraction from 0 to 1').default(0),
    order: z.enum(['stop-first', 'start-first'], { message: 'Choose stop-first or start-first' }).default('stop-first'),
  });
export const updatePolicySchema = rolloutPolicy(['pause', 'continue', 'rollback'] as const);
export const rollbackPolicySchema = rolloutPolicy(['pause', 'continue'] as const);
export type UpdatePolicyInput = z.infer<typeof updatePolicySchema>;
export type RollbackPolicyInput = z.infer<typeof rollbackPolicySchema>;

const fields = {
  image,
  replicas: z.number().int('replicas is a whole number').min(0, 'replicas is 0 or more').max(1000, 'replicas is at most 1000'),
  command: z.array(z.string().max(4096)).min(1, 'Give the command as a list of words, e.g. ["sh", "-c", "…"]').max(100),
  env: z.array(z.string().max(32_768).regex(/^[A-Za-z_][A-Za-z0-9_]*=/, 'Write each variable as NAME=value')).max(500),
  networks: z.array(z.string().trim().min(1).max(256)).max(20),
  ports: z.array(servicePortSchema).max(50),
  endpointMode: z.enum(['vip', 'dnsrr'], { message: 'Choose vip (one virtual address) or dnsrr (DNS round robin)' }),
  constraints: z.array(z.string().trim().regex(/^[a-zA-Z0-9_.-]+\s*(==|!=)\s*\S+$/, 'Write a constraint as node.role==manager or node.labels.zone!=a')).max(50),
  cpuLimit: cpus('cpuLimit'),
  cpuReservation: cpus('cpuReservation'),
  memoryLimitMb: megabytes('memoryLimitMb'),
  memoryReservationMb: megabytes('memoryReservationMb'),
  mounts: z.array(mount).max(50),
  capAdd: z.array(z.string().regex(/^[A-Z_]+$/, 'Capabilities are upper case, e.g. NET_ADMIN')).max(50),
  privileged: z.boolean(),
  labels: z.record(z.string().min(1).max(128), z.string().max(256)),
  /** A saved registry's id: its login goes with the request (never in the spec) so every node can pull. */
  registryId: z.uuid('registryId is the id of a saved registry'),
};

/** Two ports published on the same number and protocol cannot both exist. */
function duplicatePublished(ports: readonly ServicePortInput[] | undefined): number | null {
  const seen = new Set<string>();
  for (const [index, port] of (ports ?? []).entries()) {
    if (port.published === undefined) continue;
    const key = `${port.published}/${port.protocol}`;
    if (seen.has(key)) return index;
    seen.add(key);
  }
  return null;
}

interface CrossFieldInput {
  ports?: readonly ServicePortInput[];
  cpuLimit?: number | null;
  cpuReservation?: number | null;
  memoryLimitMb?: number | null;
  memoryReservationMb?: number | null;
}

/** The checks that span fields the body holds together (the merged spec is checked again on update). */
function checkCrossFields(input: CrossFieldInput, context: z.RefinementCtx): void {
  const duplicate = duplicatePublished(input.ports);
  if (duplicate !== null) context.addIssue({ code: 'custom', path: ['ports', duplicate, 'published'], message: 'This port is already published by another entry' });
  if (input.cpuLimit && input.cpuReservation && input.cpuReservation > input.cpuLimit) {
    context.addIssue({ code: 'custom', path: ['cpuReservation'], message: `The CPU reservation (${input.cpuReservation}) is above the limit (${input.cpuLimit})` });
  }
  if (input.memoryLimitMb && input.memoryReservationMb && input.memoryReservationMb > input.memoryLimitMb) {
    context.addIssue({ code: 'custom', path: ['memoryReservationMb'], message: `The memory reservation (${input.memoryReservationMb} MB) is above the limit (${input.memoryLimitMb} MB)` });
  }
}

export const createServiceSchema = z
  .strictObject({
    name: serviceName,
    mode: z.enum(['replicated', 'global'], { message: 'Choose replicated (a number of tasks) or global (one per node)' }).default('replicated'),
    endpointMode: fields.endpointMode.default('vip'),
    ports: fields.ports.default([]),
    labels: fields.labels.default({}),
    image: fields.image,
    replicas: fields.replicas.default(1),
    command: fields.command.optional(),
    env: fields.env.default([]),
    networks: fields.networks.default([]),
    constraints: fields.constraints.default([]),
    cpuLimit: fields.cpuLimit.optional(),
    cpuReservation: fields.cpuReservation.optional(),
    memoryLimitMb: fields.memoryLimitMb.optional(),
    memoryReservationMb: fields.memoryReservationMb.optional(),
    updateConfig: updatePolicySchema.optional(),
    rollbackConfig: rollbackPolicySchema.optional(),
    mounts: fields.mounts.default([]),
    capAdd: fields.capAdd.default([]),
    privileged: fields.privileged.default(false),
    /** Secrets and configs by name, each a file in the tasks (needs secrets:write, see service-attachments.ts). */
    secrets: attachmentsSchema.optional(),
    configs: attachmentsSchema.optional(),
    registryId: fields.registryId.optional(),
  })
  .superRefine(checkCrossFields);
export type CreateServiceInput = z.infer<typeof createServiceSchema>;

/** Scale, a rolling update of the image or any other field a running service may change; null clears. */
export const updateServiceSchema = z
  .strictObject({
    image: fields.image.optional(),
    replicas: fields.replicas.optional(),
    command: fields.command.nullable().optional(),
    env: fields.env.optional(),
    networks: fields.networks.optional(),
    ports: fields.ports.optional(),
    endpointMode: fields.endpointMode.optional(),
    constraints: fields.constraints.optional(),
    cpuLimit: fields.cpuLimit.nullable().optional(),
    cpuReservation: fields.cpuReservation.nullable().optional(),
    memoryLimitMb: fields.memoryLimitMb.nullable().optional(),
    memoryReservationMb: fields.memoryReservationMb.nullable().optional(),
    updateConfig: updatePolicySchema.optional(),
    rollbackConfig: rollbackPolicySchema.optional(),
    mounts: fields.mounts.optional(),
    capAdd: fields.capAdd.optional(),
    privileged: fields.privileged.optional(),
    /** The whole list: replaces the service's secrets (configs); [] detaches them all. */
    secrets: attachmentsSchema.optional(),
    configs: attachmentsSchema.optional(),
    registryId: fields.registryId.optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: 'Give at least one field to change, e.g. {"replicas": 3}' })
  .superRefine(checkCrossFields);
export type UpdateServiceInput = z.infer<typeof updateServiceSchema>;
