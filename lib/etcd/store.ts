// The only file that talks to etcd (the IPAM sidecar, the console's IPAM view, Flannel's keys and
// the health probe all go through it). It reshapes etcd's messages into plain entries (calls go
// over lib/etcd/wire, watches over etcd3), and
// bounds every call: Docker sets no timeout on plugin calls, so an etcd call that hangs would
// hang `docker run`, and a dead cluster must not hang a console page. All keys are relative to
// one prefix (see lib/ipam/keys.ts and docs/ipam.md); `within` opens another prefix on the same
// connection.
import type { Etcd3, Namespace } from 'etcd3';
import type { EtcdCredentials } from '../config/etcd-credentials';
import { EtcdUnavailableError } from './etcd-unavailable-error';
import { prefixRange } from './key-range';
import { keepLeaseAlive } from './lease-keep-alive';
import type { KeyValue, RequestOp } from './wire/etcd-messages';
import { EtcdAuthRefusedError, EtcdWireClient } from './wire/etcd-wire-client';

export const DEFAULT_CALL_TIMEOUT_MS = 3_000;

export interface Entry {
  /** Key relative to the store's prefix. */
  readonly key: string;
  readonly value: string;
  readonly modRevision: string;
}

/** An entry with the etcd lease that keeps it (undefined: none; the key stays until deleted). */
export interface LeasedEntry extends Entry {
  readonly lease: string | undefined;
}

/** A condition of a transaction: the key must be absent, or unchanged since it was read. */
export type Guard = { readonly key: string; readonly absent: true } | { readonly key: string; readonly modRevision: string };

export type Write =
  | { readonly put: string; readonly value: string; readonly lease?: string }
  | { readonly delete: string };

/** One transaction of `txnEach`: the arguments of `txn`. */
export interface TxnSpec {
  readonly guards: readonly Guard[];
  readonly writes: readonly Write[];
  readonly readOnFailure?: readonly string[];
}

export interface TxnResult {
  readonly succeeded: boolean;
  /** On failure, the current entries of the keys asked for in `readOnFailure`, in order. */
  readonly reads: readonly (Entry | undefined)[];
}

/** What a failed or timed-out call becomes: the caller's own typed error, carrying `message`. */
export type UnavailableError = (message: string) => Error;

export interface StoreOptions {
  readonly endpoints: readonly string[];
  /** TLS and etcd user for a secured etcd (lib/config/etcd-credentials.ts); default: neither. */
  readonly credentials?: EtcdCredentials;
  /** Every key is relative to it; "" for the whole keyspace. A trailing slash is added. */
  readonly prefix: string;
  readonly callTimeoutMs?: number;
  /** Default: an EtcdUnavailableError (ETCD_UNAVAILABLE). The IPAM library gives its own. */
  readonly unavailableError?: UnavailableError;
}

/** Watch events beyond the changes themselves. */
export interface WatchConnectionEvents {
  /** The watch is back after an outage: what changed meanwhile may have been missed by a reader. */
  onReconnected?(): void;
  /** The watch lost its connection; etcd3 reconnects by itself. */
  onDisconnected?(): void;
}

/** One connection to a cluster, shared by every prefix opened on it. */
interface Connection {
  readonly wire: EtcdWireClient;
  readonly endpoints: readonly string[];
  readonly credentials: EtcdCredentials | undefined;
  readonly timeoutMs: number;
  /** etcd3, opened by the first watch (lib/etcd/etcd3-watch-client.ts). */
  watchClient?: Promise<Etcd3>;
}

function normalizedPrefix(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

function connect(endpoints: readonly string[], credentials: EtcdCredentials | undefined, timeoutMs: number): Connection {
  return { wire: new EtcdWireClient(endpoints, credentials, timeoutMs), endpoints, credentials, timeoutMs };
}

function isAuthRefusal(error: unknown): boolean {
  // etcd3's own refusal (a watch) by name: importing its class would load etcd3 in every process.
  return error instanceof EtcdAuthRefusedError || (error instanceof Error && error.name === 'EtcdAuthenticationFailedError');
}

const defaultUnavailableError: UnavailableError = (message) => new EtcdUnavailableError(message);

export class EtcdStore {
  readonly endpoints: readonly string[];
  readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly wire: EtcdWireClient;
  private readonly connection: Connection;
  private readonly unavailableError: UnavailableError;
  private closed = false;

  /** Opens a connection; `shared` (from `within`) reuses one instead. */
  constructor(options: StoreOptions, shared?: Connection) {
    this.connection = shared ?? connect(options.endpoints, options.credentials, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
    this.endpoints = this.connection.endpoints;
    this.timeoutMs = this.connection.timeoutMs;
    this.wire = this.connection.wire;
    this.prefix = normalizedPrefix(options.prefix);
    this.unavailableError = options.unavailableError ?? defaultUnavailableError;
  }

  /**
   * The keys under another prefix (absolute, not relative to this one), on the same connection;
   * its calls fail with `unavailableError` (default: this store's).
   */
  within(prefix: string, unavailableError: UnavailableError = this.unavailableError): EtcdStore {
    return new EtcdStore({ endpoints: this.endpoints, prefix, unavailableError }, this.connection);
  }

  /** The TLS and user this store's connection was opened with (for a diagnosis of a refusal). */
  get credentials(): EtcdCredentials | undefined {
    return this.connection.credentials;
  }

  /** Closes the connection, for every store `within` opened on it too. */
  close(): void {
    this.closed = true;
    this.wire.close();
    void this.connection.watchClient?.then((client) => client.close(), () => undefined);
  }

  async get(key: string): Promise<Entry | undefined> {
    const response = await this.bounded(`read ${key}`, () => this.wire.range({ key: this.full(key) }));
    const kv = response.kvs[0];
    return kv ? this.entryOf(kv) : undefined;
  }

  async list(prefix: string): Promise<Entry[]> {
    const response = await this.bounded(`list ${prefix}`, () => this.wire.range(prefixRange(this.prefix + prefix)));
    return response.kvs.map((kv) => this.entryOf(kv));
  }

  /** Like `list`, with the etcd lease that keeps each entry (Flannel's subnet leases expire with theirs). */
  async listLeased(prefix: string): Promise<LeasedEntry[]> {
    const response = await this.bounded(`list ${prefix}`, () => this.wire.range(prefixRange(this.prefix + prefix)));
    return response.kvs.map((kv) => ({ ...this.entryOf(kv), lease: kv.lease !== '0' ? kv.lease : undefined }));
  }

  /** Seconds left on an etcd lease (0 once expired); null when etcd gives no number. */
  async leaseSecondsLeft(lease: string): Promise<number | null> {
    const answer = await this.bounded(`read lease ${lease}`, () => this.wire.leaseTimeToLive(lease));
    return Number.isFinite(answer.ttl) ? Math.max(0, answer.ttl) : null;
  }

  /** The store's current revision: a watch from the next one misses nothing written after this call. */
  async currentRevision(): Promise<string> {
    const response = await this.bounded('read the current revision', () => this.wire.range({ key: this.full('subnets/') }));
    return response.revision;
  }

  /** Like `list`, with the store's revision at the time of the read (where a watch resumes). */
  async listAt(prefix: string): Promise<{ entries: Entry[]; revision: string }> {
    const response = await this.bounded(`list ${prefix}`, () => this.wire.range(prefixRange(this.prefix + prefix)));
    return { entries: response.kvs.map((kv) => this.entryOf(kv)), revision: response.revision };
  }

  /**
   * Watches every key under `prefix` from `fromRevision` (inclusive; etcd replays what happened
   * since), calling `onChanges` once per etcd revision with that revision's changes in order.
   * etcd3 reconnects by itself after an outage and resumes after the last revision it saw.
   * `onError` hears what cannot be resumed (e.g. the revision was compacted away).
   */
  async watch(
    prefix: string,
    fromRevision: string | undefined,
    onChanges: (revision: string, changes: readonly WatchChange[]) => void,
    onError: (error: Error) => void,
    connectionEvents: WatchConnectionEvents = {},
  ): Promise<{ close(): Promise<void> }> {
    // A cluster restored from a snapshot starts again at the snapshot's revision: what a reader
    // saw after it is gone, and the revisions it knows are reused for other changes. Such a
    // history going back is an error for the reader (read everything again), never changes.
    let lastDelivered = fromRevision === undefined ? -1n : BigInt(fromRevision) - 1n;
    let wentBack = false;
    const historyWentBack = (revision: bigint) => {
      if (wentBack) return;
      wentBack = true;
      onError(new Error(`etcd's history went back from revision ${lastDelivered} to ${revision} (restored from a snapshot?)`));
    };
    const namespace = await this.watchNamespace();
    const builder = namespace.watch().prefix(prefix);
    if (fromRevision !== undefined) builder.startRevision(fromRevision);
    const watcher = await this.bounded(`watch ${prefix}`, () => builder.create());
    const checkCurrent = async () => {
      const current = BigInt(await this.currentRevision());
      if (current < lastDelivered) historyWentBack(current);
    };
    // Resuming after a revision this cluster never reached: it was restored since.
    if (fromRevision !== undefined) await checkCurrent().catch(() => undefined);
    watcher.on('connected', () => void checkCurrent().catch(() => undefined));
    watcher.on('data', (response) => {
      if (wentBack) return;
      // One etcd revision (one transaction) may change several keys: deliver them together.
      let revision: string | undefined;
      let changes: WatchChange[] = [];
      for (const event of response.events ?? []) {
        const kv = event.kv;
        if (!kv?.key || kv.mod_revision === undefined || kv.mod_revision === null) continue;
        const modRevision = String(kv.mod_revision);
        if (BigInt(modRevision) <= lastDelivered) return historyWentBack(BigInt(modRevision));
        if (revision !== undefined && modRevision !== revision) {
          lastDelivered = BigInt(revision);
          onChanges(revision, changes);
          changes = [];
        }
        revision = modRevision;
        const fullKey = Buffer.from(kv.key).toString();
        const key = fullKey.startsWith(this.prefix) ? fullKey.slice(this.prefix.length) : fullKey;
        changes.push(
          event.type === 'Delete'
            ? { type: 'delete', key, modRevision }
            : { type: 'put', key, value: kv.value ? Buffer.from(kv.value).toString() : '', modRevision },
        );
      }
      if (revision !== undefined) {
        lastDelivered = BigInt(revision);
        onChanges(revision, changes);
      }
    });
    watcher.on('error', (error) => onError(error));
    const { onReconnected, onDisconnected } = connectionEvents;
    if (onReconnected) watcher.on('connected', () => onReconnected());
    if (onDisconnected) watcher.on('disconnected', () => onDisconnected());
    return { close: () => watcher.cancel() };
  }

  /** Keys only (relative): far cheaper than `list` when the values are not needed. */
  async listKeys(prefix: string): Promise<string[]> {
    const response = await this.bounded(`list ${prefix}`, () => this.wire.range({ ...prefixRange(this.prefix + prefix), keysOnly: true }));
    return response.kvs.map((kv) => this.relative(kv.key));
  }

  async put(key: string, value: string, lease?: string): Promise<void> {
    await this.bounded(`write ${key}`, () => this.wire.put({ key: this.full(key), value: Buffer.from(value), ...(lease ? { lease } : {}) }));
  }

  async delete(key: string): Promise<void> {
    await this.bounded(`delete ${key}`, () => this.wire.deleteRange({ key: this.full(key) }));
  }

  /** Deletes every key under the store's prefix (tests and teardown). */
  async deleteAll(): Promise<void> {
    await this.bounded('delete all keys', () => this.wire.deleteRange(prefixRange(this.prefix)));
  }

  async txn(guards: readonly Guard[], writes: readonly Write[], readOnFailure: readonly string[] = []): Promise<TxnResult> {
    if (guards.length === 0) throw new Error('a transaction needs at least one guard');
    const what = `transaction on ${guards.map((guard) => guard.key).join(', ')}`;
    const response = await this.bounded(what, () => this.wire.txn(this.txnArgs({ guards, writes, readOnFailure })));
    if (response.succeeded) return { succeeded: true, reads: [] };
    return { succeeded: false, reads: response.responses.map((op) => ('range' in op ? this.firstEntryOf(op.range.kvs) : undefined)) };
  }

  /**
   * Several independent transactions in one etcd round trip (one revision): each is decided on its
   * own guards, exactly as `txn` would decide it alone, so one failed guard loses nothing of the
   * others. etcd refuses the whole request if two of them write the same key; the caller keeps
   * their written keys distinct. Fails as a whole (every one undone) when etcd does not answer.
   */
  async txnEach(txns: readonly TxnSpec[]): Promise<TxnResult[]> {
    if (txns.length === 0) return [];
    const what = `${txns.length} transactions on ${txns.map((txn) => txn.guards[0]?.key ?? '').join(', ')}`;
    const response = await this.bounded(what, () =>
      this.wire.txn({ compare: [], success: txns.map((txn) => ({ txn: this.txnArgs(txn) })), failure: [] }),
    );
    return txns.map((_, index) => {
      const answer = response.responses[index];
      const nested = answer && 'txn' in answer ? answer.txn : undefined;
      if (!nested) throw this.unavailableError(`etcd answered ${what} without the result of transaction ${index + 1}: retry`);
      if (nested.succeeded) return { succeeded: true, reads: [] };
      return { succeeded: false, reads: nested.responses.map((op) => ('range' in op ? this.firstEntryOf(op.range.kvs) : undefined)) };
    });
  }

  /** Grants a lease of `ttlSeconds`, kept alive until it is lost or revoked. */
  async grantLease(ttlSeconds: number, onLost: (reason: Error) => void): Promise<LeaseHandle> {
    const granted = await this.bounded('grant a lease', () => this.wire.leaseGrant(ttlSeconds));
    const kept = keepLeaseAlive(this.wire, granted.id, ttlSeconds, onLost);
    return {
      id: granted.id,
      revoke: async () => {
        await this.bounded('revoke a lease', () => kept.revoke()).catch(() => undefined);
      },
    };
  }

  private txnArgs(txn: TxnSpec) {
    return {
      compare: txn.guards.map((guard) =>
        'absent' in guard
          ? { key: this.full(guard.key), target: 'create' as const, revision: '0' }
          : { key: this.full(guard.key), target: 'mod' as const, revision: guard.modRevision },
      ),
      success: txn.writes.map((write): RequestOp => this.operationOf(write)),
      failure: (txn.readOnFailure ?? []).map((key): RequestOp => ({ range: { key: this.full(key) } })),
    };
  }

  private operationOf(write: Write): RequestOp {
    if ('delete' in write) return { deleteRange: { key: this.full(write.delete) } };
    return { put: { key: this.full(write.put), value: Buffer.from(write.value), ...(write.lease ? { lease: write.lease } : {}) } };
  }

  /** etcd3's namespace for this prefix, opening etcd3 on the connection's first watch. */
  private async watchNamespace(): Promise<Namespace> {
    const connection = this.connection;
    connection.watchClient ??= import('./etcd3-watch-client').then(({ openWatchClient }) =>
      openWatchClient(connection.endpoints, connection.credentials, connection.timeoutMs),
    );
    const client = await connection.watchClient;
    if (this.closed) {
      // Closed while etcd3 loaded: nothing may be left open behind the caller.
      client.close();
      throw this.unavailableError('the etcd connection was closed before the watch began');
    }
    return client.namespace(this.prefix);
  }

  private full(key: string): Buffer {
    return Buffer.from(this.prefix + key);
  }

  private relative(key: Buffer): string {
    const fullKey = key.toString();
    return fullKey.startsWith(this.prefix) ? fullKey.slice(this.prefix.length) : fullKey;
  }

  private firstEntryOf(kvs: readonly KeyValue[]): Entry | undefined {
    const kv = kvs[0];
    return kv ? this.entryOf(kv) : undefined;
  }

  private entryOf(kv: KeyValue): Entry {
    return { key: this.relative(kv.key), value: kv.value.toString(), modRevision: kv.modRevision };
  }

  /** Runs one etcd call, failing with the store's unavailable error after the bound. */
  private async bounded<T>(what: string, call: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([call(), timeout]);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (isAuthRefusal(error)) {
        throw this.unavailableError(
          `etcd (${this.endpoints.join(', ')}) refused the user "${this.connection.credentials?.auth?.username ?? ''}" (${reason}): ` +
            'check the etcd username and password settings',
        );
      }
      throw this.unavailableError(
        `etcd (${this.endpoints.join(', ')}) did not complete "${what}" (${reason}): check that etcd is running and ` +
          `reachable (etcdctl --endpoints ${this.endpoints.join(',')} endpoint health), then retry`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

export type WatchChange =
  | { readonly type: 'put'; readonly key: string; readonly value: string; readonly modRevision: string }
  | { readonly type: 'delete'; readonly key: string; readonly modRevision: string };

export interface LeaseHandle {
  readonly id: string;
  revoke(): Promise<void>;
}
