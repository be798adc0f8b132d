// The core claims' keys in etcd, under their own prefix beside the IPAM's (docs/placement.md):
// cores/<host>/<core> → who holds that core. One key per core, so a claim of a core set is one
// transaction that creates every key of the set only if none exists.
import { z } from 'zod';

export const PLACEMENT_PREFIX = '/shipyard/placement/';

export const claimKeys = {
  cores: 'cores/',
  hostCores: (host: string) => `cores/${encodeURIComponent(host)}/`,
  core: (host: string, core: number) => `cores/${encodeURIComponent(host)}/${core}`,
} as const;

/** Splits "cores/<host>/<core>"; undefined for any other key. */
export function coreOfKey(key: string): { host: string; core: number } | undefined {
  const match = /^cores\/([^/]+)\/(\d+)$/.exec(key);
  return match?.[1] && match[2] ? { host: decodeURIComponent(match[1]), core: Number(match[2]) } : undefined;
}

const holderSchema = z.object({
  /** One request's claim: every core it took carries the same id. */
  claim: z.string().min(1),
  /** The container's id once created; null while the request is creating it. */
  container: z.string().nullable(),
  name: z.string(),
  at: z.string(),
});
export type CoreHolder = z.infer<typeof holderSchema>;

export const coreRecordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exclusive'), holder: holderSchema }),
  z.object({ kind: z.literal('shared'), holders: z.array(holderSchema).min(1) }),
]);
export type CoreRecord = z.infer<typeof coreRecordSchema>;

export function holdersOf(record: CoreRecord): CoreHolder[] {
  return record.kind === 'exclusive' ? [record.holder] : record.holders;
}

export function decodeCoreRecord(value: string): CoreRecord | undefined {
  try {
    const parsed = coreRecordSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
