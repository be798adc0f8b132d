// What the allocator stores as JSON values, validated when read back: a record written by an
// older or foreign writer fails loudly instead of turning into a wrong address.
// zod/mini: tree-shaken into the bundle it costs ~2 MB of memory, classic zod ~12 MB.
import * as z from 'zod/mini';
import { CorruptRecordError } from './errors';
import type { Entry } from './store';

const ipText = z.string().check(z.regex(/^\d{1,3}(\.\d{1,3}){3}$/));

export const rangeRecord = z.object({ start: ipText, end: ipText });

export const subnetConfigRecord = z.object({
  subnet: z.string(),
  containerRanges: z.array(rangeRecord),
  hostRanges: z.array(rangeRecord),
  /** The router of the flat network (the seed's DefaultGatewayIPv4), set by host-range. */
  gateway: z.optional(ipText),
});
export type SubnetConfigRecord = z.infer<typeof subnetConfigRecord>;

export const containerAllocationRecord = z.object({
  kind: z.literal('container'),
  host: z.string(),
  mac: z.optional(z.string()),
  at: z.string(),
  /** Unique per request: a retried transaction whose reply was lost recognises its own write. */
  nonce: z.string(),
  /**
   * Released by Docker while a container created with this MAC still exists (stopped): the
   * address stays its own and comes back at its next RequestAddress (sticky.ts).
   */
  parked: z.optional(z.boolean()),
});

/** Gateway and aux addresses are shared: every host of a flat network reserves the same router. */
export const reservationRecord = z.object({
  kind: z.enum(['gateway', 'aux']),
  holders: z.array(z.string()),
  at: z.string(),
});

export const addressRecord = z.discriminatedUnion('kind', [containerAllocationRecord, reservationRecord]);
export type AddressRecord = z.infer<typeof addressRecord>;
export type ContainerAllocationRecord = z.infer<typeof containerAllocationRecord>;

export const hostAddressRecord = z.object({ host: z.string(), at: z.string() });
export type HostAddressRecord = z.infer<typeof hostAddressRecord>;

/** A block affinity: the host that allocates in the block first. Others borrow from it only when no block is left. */
export const blockRecord = z.object({ host: z.string(), at: z.string() });

export const refRecord = z.object({ count: z.int().check(z.nonnegative()) });

export const liveHostRecord = z.object({ host: z.string(), pid: z.number(), since: z.string(), docker: z.optional(z.string()) });
export type LiveHostRecord = z.infer<typeof liveHostRecord>;

export function decode<T>(schema: z.ZodMiniType<T>, entry: Entry): T {
  let json: unknown;
  try {
    json = JSON.parse(entry.value);
  } catch {
    throw new CorruptRecordError(`etcd key ${entry.key} does not hold JSON: inspect it with etcdctl get and delete it if it is stale`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new CorruptRecordError(
      `etcd key ${entry.key} holds an unexpected record (${parsed.error.issues[0]?.message ?? 'invalid'}): ` +
        'inspect it with etcdctl get and delete it if it is stale',
    );
  }
  return parsed.data;
}

export function encode<T>(value: T): string {
  return JSON.stringify(value);
}
