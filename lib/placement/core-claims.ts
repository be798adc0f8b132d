// Exclusive and shared cores, claimed in etcd with the IPAM's rule (lib/ipam/address-claim.ts):
// a core key is only ever created by a transaction that requires every key of the set to be
// absent, so two consoles or two requests can never both hold a core exclusively, whatever
// races or retries happen. Every later change of a key is guarded by its modRevision.
import type { EtcdStore } from '@/lib/etcd/store';
import { claimKeys, coreOfKey, decodeCoreRecord, holdersOf, type CoreHolder, type CoreRecord } from './claim-keys';
import { rewriteLedger } from './memory-claims';

/** The part of the etcd boundary the claims use. */
export type ClaimStore = Pick<EtcdStore, 'get' | 'list' | 'txn'>;

export type ClaimOutcome =
  | { readonly kind: 'claimed' }
  /** The cores someone else holds now; the caller places again. */
  | { readonly kind: 'taken'; readonly cores: readonly number[] };

/** How often a guarded update is tried again after losing a race on the same key. */
const UPDATE_ATTEMPTS = 8;

/** One transaction: every core of the set, exclusively, only if none of them is held. */
export async function claimExclusiveCores(store: ClaimStore, host: string, cores: readonly number[], holder: CoreHolder): Promise<ClaimOutcome> {
  const keys = cores.map((core) => claimKeys.core(host, core));
  const value = JSON.stringify({ kind: 'exclusive', holder } satisfies CoreRecord);
  const result = await store.txn(
    keys.map((key) => ({ key, absent: true as const })),
    keys.map((key) => ({ put: key, value })),
    keys,
  );
  if (result.succeeded) return { kind: 'claimed' };
  const records = result.reads.map((entry) => (entry ? decodeCoreRecord(entry.value) : undefined));
  // Our own earlier attempt whose answer was lost holds our claim id on every key.
  if (records.every((record) => record?.kind === 'exclusive' && record.holder.claim === holder.claim)) return { kind: 'claimed' };
  return { kind: 'taken', cores: cores.filter((_, index) => result.reads[index] !== undefined) };
}

export type SharedOutcome = { readonly kind: 'claimed' } | { readonly kind: 'exclusive'; readonly core: number; readonly holder: CoreHolder };

/**
 * An explicit cpuset: its cores are shared (any number of such containers may use them), but
 * never with an exclusive claim. One transaction over the set, guarded by what was read.
 */
export async function claimSharedCores(store: ClaimStore, host: string, cores: readonly number[], holder: CoreHolder): Promise<SharedOutcome> {
  for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt += 1) {
    const keys = cores.map((core) => claimKeys.core(host, core));
    const entries = await Promise.all(keys.map((key) => store.get(key)));
    const records = entries.map((entry) => (entry ? decodeCoreRecord(entry.value) : undefined));
    const held = records.findIndex((record) => record?.kind === 'exclusive');
    const exclusive = records[held];
    if (exclusive?.kind === 'exclusive') return { kind: 'exclusive', core: cores[held] ?? -1, holder: exclusive.holder };
    const guards = keys.map((key, index) => {
      const entry = entries[index];
      return entry ? { key, modRevision: entry.modRevision } : { key, absent: true as const };
    });
    const writes = keys.map((key, index) => {
      const others = records[index] ? holdersOf(records[index]).filter((other) => other.claim !== holder.claim) : [];
      return { put: key, value: JSON.stringify({ kind: 'shared', holders: [...others, holder] } satisfies CoreRecord) };
    });
    if ((await store.txn(guards, writes)).succeeded) return { kind: 'claimed' };
  }
  throw new Error(`the cores ${cores.join(',')} of ${host} kept changing under ${UPDATE_ATTEMPTS} attempts to share them`);
}

export interface CoreClaim {
  readonly host: string;
  readonly core: number;
  readonly record: CoreRecord;
  readonly key: string;
  readonly modRevision: string;
}

/** Every claim, or those of one host. Keys that are not claims are skipped. */
export async function listCoreClaims(store: ClaimStore, host?: string): Promise<CoreClaim[]> {
  const entries = await store.list(host === undefined ? claimKeys.cores : claimKeys.hostCores(host));
  return entries.flatMap((entry) => {
    const where = coreOfKey(entry.key);
    const record = decodeCoreRecord(entry.value);
    return where && record ? [{ ...where, record, key: entry.key, modRevision: entry.modRevision }] : [];
  });
}

/**
 * Rewrites the holders of every claim of `host` that `change` alters (undefined: leave it), each
 * key guarded by the revision read, again after a lost race. Returns the cores changed.
 */
async function rewriteHolders(store: ClaimStore, host: string, change: (holder: CoreHolder) => CoreHolder | null | undefined): Promise<number[]> {
  const changed: number[] = [];
  for (const claim of await listCoreClaims(store, host)) {
    let current: CoreClaim | undefined = claim;
    for (let attempt = 0; current && attempt < UPDATE_ATTEMPTS; attempt += 1) {
      const holders = holdersOf(current.record);
      const next = holders.map((holder) => {
        const result = change(holder);
        return result === undefined ? holder : result;
      });
      if (next.every((holder, index) => holder === holders[index])) break;
      const kept = next.filter((holder): holder is CoreHolder => holder !== null);
      const [first] = kept;
      const record: CoreRecord | null = !first ? null : current.record.kind === 'exclusive' ? { kind: 'exclusive', holder: first } : { kind: 'shared', holders: kept };
      const write = record ? { put: current.key, value: JSON.stringify(record) } : { delete: current.key };
      const result = await store.txn([{ key: current.key, modRevision: current.modRevision }], [write]);
      if (result.succeeded) {
        changed.push(current.core);
        break;
      }
      const entry = await store.get(current.key);
      const reread = entry ? decodeCoreRecord(entry.value) : undefined;
      current = entry && reread ? { ...current, record: reread, modRevision: entry.modRevision } : undefined;
    }
  }
  return changed;
}

/** The holder's cores and its memory (memory-claims.ts) changed alike; resolves with the cores changed. */
async function rewriteClaims(store: ClaimStore, host: string, change: (holder: CoreHolder) => CoreHolder | null | undefined): Promise<number[]> {
  const [cores] = await Promise.all([
    rewriteHolders(store, host, change),
    rewriteLedger(store, host, (holder) => {
      const result = change(holder);
      return result ? { ...result, bytes: holder.bytes } : result;
    }),
  ]);
  return cores;
}

/** The container a request created now holds the cores (and memory) it claimed. */
export function bindClaim(store: ClaimStore, host: string, claim: string, container: string): Promise<number[]> {
  return rewriteClaims(store, host, (holder) => (holder.claim === claim ? { ...holder, container } : undefined));
}

/** Frees the cores and memory of one request (its create failed). */
export function releaseClaim(store: ClaimStore, host: string, claim: string): Promise<number[]> {
  return rewriteClaims(store, host, (holder) => (holder.claim === claim ? null : undefined));
}

/** Frees the cores and memory of a removed container. */
export function releaseContainer(store: ClaimStore, host: string, container: string): Promise<number[]> {
  return rewriteClaims(store, host, (holder) => (holder.container === container ? null : undefined));
}

/**
 * Frees what an event missed: on a host whose engine answered, every holder older than the grace
 * period whose container is not among `existing` (or that never got one: its request died).
 */
export function reconcileHost(store: ClaimStore, host: string, existing: ReadonlySet<string>, graceMs: number, now = Date.now()): Promise<number[]> {
  return rewriteClaims(store, host, (holder) => {
    if (now - Date.parse(holder.at) < graceMs) return undefined;
    return holder.container !== null && existing.has(holder.container) ? undefined : null;
  });
}
