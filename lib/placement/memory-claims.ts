// Memory claimed, not only counted: each host has one ledger key in etcd, memory/<host>, listing
// the memory every placed container reserved (its claim id, container, bytes). A decision reads
// the ledger with the claims, checks the host's free memory against it, and writes the ledger
// with its own entry in the same transaction as its cores, guarded by the ledger's modRevision
// (or its absence): two consoles or two requests that read the same free memory cannot both
// write, the loser reads again and places again. Freed like the cores (bind, release, reconcile).
import { z } from 'zod';
import type { Guard, Write } from '@/lib/etcd/store';
import type { CoreHolder } from './claim-keys';
import { claimKeys } from './claim-keys';
import type { ClaimStore } from './core-claims';

export const memoryKeys = {
  all: 'memory/',
  host: (host: string) => `memory/${encodeURIComponent(host)}`,
} as const;

const memoryHolderSchema = z.object({
  claim: z.string().min(1),
  container: z.string().nullable(),
  name: z.string(),
  at: z.string(),
  bytes: z.number().int().positive(),
});
export type MemoryHolder = z.infer<typeof memoryHolderSchema>;

const ledgerSchema = z.object({ holders: z.array(memoryHolderSchema) });

export interface MemoryLedger {
  readonly host: string;
  readonly holders: readonly MemoryHolder[];
  /** The key's revision as read: the claim's guard. */
  readonly modRevision: string;
}

function decodeLedger(host: string, value: string, modRevision: string): MemoryLedger | undefined {
  try {
    const parsed = ledgerSchema.safeParse(JSON.parse(value));
    return parsed.success ? { host, holders: parsed.data.holders, modRevision } : undefined;
  } catch {
    return undefined;
  }
}

function hostOfKey(key: string): string | undefined {
  const match = /^memory\/([^/]+)$/.exec(key);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/** Every host's ledger (hosts without one have nothing claimed). */
export async function listMemoryLedgers(store: ClaimStore): Promise<MemoryLedger[]> {
  const entries = await store.list(memoryKeys.all);
  return entries.flatMap((entry) => {
    const host = hostOfKey(entry.key);
    const ledger = host === undefined ? undefined : decodeLedger(host, entry.value, entry.modRevision);
    return ledger ? [ledger] : [];
  });
}

export function ledgerBytes(ledger: Pick<MemoryLedger, 'holders'> | undefined): number {
  return (ledger?.holders ?? []).reduce((sum, holder) => sum + holder.bytes, 0);
}

export type HostClaimOutcome = { readonly kind: 'claimed' } | { readonly kind: 'taken' };

/**
 * One transaction for one decision on `host`: its exclusive cores (each key absent) and its
 * memory (the ledger unchanged since `ledger` was read, or still absent when it was), written
 * together or not at all.
 */
export async function claimOnHost(
  store: ClaimStore,
  host: string,
  cores: readonly number[],
  memory: { readonly bytes: number; readonly ledger: MemoryLedger | undefined },
  holder: CoreHolder,
): Promise<HostClaimOutcome> {
  const coreKeys = cores.map((core) => claimKeys.core(host, core));
  const ledgerKey = memoryKeys.host(host);
  const guards: Guard[] = coreKeys.map((key) => ({ key, absent: true as const }));
  const writes: Write[] = coreKeys.map((key) => ({ put: key, value: JSON.stringify({ kind: 'exclusive', holder }) }));
  if (memory.bytes > 0) {
    guards.push(memory.ledger ? { key: ledgerKey, modRevision: memory.ledger.modRevision } : { key: ledgerKey, absent: true as const });
    const holders = [...(memory.ledger?.holders ?? []).filter((other) => other.claim !== holder.claim), { ...holder, bytes: memory.bytes }];
    writes.push({ put: ledgerKey, value: JSON.stringify({ holders }) });
  }
  const result = await store.txn(guards, writes);
  return result.succeeded ? { kind: 'claimed' } : { kind: 'taken' };
}

/** How often a guarded ledger rewrite is tried again after losing a race on it. */
const UPDATE_ATTEMPTS = 8;

/** Rewrites the holders of `host`'s ledger that `change` alters (undefined: keep, null: drop); true when it changed. */
export async function rewriteLedger(store: ClaimStore, host: string, change: (holder: MemoryHolder) => MemoryHolder | null | undefined): Promise<boolean> {
  const key = memoryKeys.host(host);
  for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt += 1) {
    const entry = await store.get(key);
    const ledger = entry ? decodeLedger(host, entry.value, entry.modRevision) : undefined;
    if (!entry || !ledger) return false;
    let changed = false;
    const next = ledger.holders.flatMap((holder) => {
      const result = change(holder);
      if (result === undefined) return [holder];
      changed = true;
      return result === null ? [] : [result];
    });
    if (!changed) return false;
    const write: Write = next.length === 0 ? { delete: key } : { put: key, value: JSON.stringify({ holders: next }) };
    if ((await store.txn([{ key, modRevision: entry.modRevision }], [write])).succeeded) return true;
  }
  throw new Error(`the memory ledger of ${host} kept changing under ${UPDATE_ATTEMPTS} attempts to update it`);
}
