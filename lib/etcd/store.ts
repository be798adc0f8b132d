// The only file that talks to etcd (the IPAM sidecar, the console's IPAM view, Flannel's keys and
// the health probe all go through it). It reshapes etcd3's gRPC shapes into plain entries, and
// bounds every call: Docker sets no timeout on plugin calls, so an etcd call that hangs would
// hang `docker run`, and a dead cluster must not hang a console page. All keys are relative to
// one prefix (see lib/ipam/keys.ts and docs/ipam.md); `within` opens another prefix on the same
// connection.
import { rootCertificates } from 'node:tls';
import { ConsecutiveBreaker, circuitBreaker, handleWhen, retry } from 'cockatiel';
import { Etcd3, EtcdAuthenticationFailedError, isRecoverableError, type IOptions, type Namespace } from 'etcd3';
import type { EtcdCredentials } from '../config/etcd-credentials';
import { EtcdUnavailableError } from './etcd-unavailable-error';

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

/** One etcd client, shared by every prefix opened on it. */
interface Connection {
  readonly client: Etcd3;
  readonly endpoints: readonly string[];
  readonly credentials: EtcdCredentials | undefined;
  readonly timeoutMs: number;
}

function normalizedPrefix(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

type Policy = ReturnType<NonNullable<NonNullable<IOptions['faultHandling']>['host']>>;
type PolicyContext = Parameters<Parameters<Policy['execute']>[0]>[0];

// etcd3's default circuit breaker keeps refusing calls for 5 s after etcd comes back, and its
// retries can outlast our bound: our own bound and idempotent transactions replace both.
const noEvent = () => ({ dispose: () => undefined });
// One signal that never aborts, shared: a new AbortController per call was measurable garbage.
const neverAborted = new AbortController().signal;
const passthrough: Policy = {
  _altReturn: undefined as never,
  onSuccess: noEvent,
  onFailure: noEvent,
  async execute<T>(fn: (context: PolicyContext) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T> {
    return fn({ signal: signal ?? neverAborted });
  },
};

/**
 * One endpoint: no breaker and no retry (see above). Several members: a call refused by a dead
 * member must move on to a live one, so a per-member breaker marks it dead for a second and one
 * retry sends the call elsewhere. Retrying is safe: every write is an idempotent transaction.
 */
function faultHandlingFor(endpoints: readonly string[]): NonNullable<IOptions['faultHandling']> {
  if (endpoints.length < 2) return { host: () => passthrough, global: passthrough };
  return {
    host: () => circuitBreaker(handleWhen(isRecoverableError), { halfOpenAfter: 1_000, breaker: new ConsecutiveBreaker(1) }),
    global: retry(handleWhen(isRecoverableError), { maxAttempts: 2 }),
  };
}

function securityOptions(credentials: EtcdCredentials | undefined): Pick<IOptions, 'credentials' | 'auth'> {
  const tls = credentials?.tls;
  const auth = credentials?.auth;
  return {
    ...(tls
      ? {
          credentials: {
            // No CA given: the system's, as a browser would.
            rootCertificate: Buffer.from(tls.ca ?? rootCertificates.join('\n')),
            ...(tls.cert !== null && tls.key !== null ? { certChain: Buffer.from(tls.cert), privateKey: Buffer.from(tls.key) } : {}),
          },
        }
      : {}),
    ...(auth ? { auth: { username: auth.username, password: auth.password } } : {}),
  };
}

function connect(endpoints: readonly string[], credentials: EtcdCredentials | undefined, timeoutMs: number): Connection {
  const client = new Etcd3({
    hosts: [...endpoints],
    ...securityOptions(credentials),
    dialTimeout: timeoutMs,
    defaultCallOptions: () => ({ deadline: Date.now() + timeoutMs }),
    faultHandling: faultHandlingFor(endpoints),
    // Reconnect quickly once etcd is back instead of backing off for up to two minutes.
    grpcOptions: { 'grpc.initial_reconnect_backoff_ms': 200, 'grpc.max_reconnect_backoff_ms': 1_000 },
  });
  return { client, endpoints, credentials, timeoutMs };
}

const defaultUnavailableError: UnavailableError = (message) => new EtcdUnavailableError(message);

export class EtcdStore {
  readonly endpoints: readonly string[];
  readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly client: Etcd3;
  private readonly ns: Namespace;
  private readonly connection: Connection;
  private readonly unavailableError: UnavailableError;

  /** Opens a connection; `shared` (from `within`) reuses one instead. */
  constructor(options: StoreOptions, shared?: Connection) {
    this.connection = shared ?? connect(options.endpoints, options.credentials, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
    this.endpoints = this.connection.endpoints;
    this.timeoutMs = this.connection.timeoutMs;
    this.client = this.connection.client;
    this.prefix = normalizedPrefix(options.prefix);
    this.unavailableError = options.unavailableError ?? defaultUnavailableError;
    this.ns = this.client.namespace(this.prefix);
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
    this.client.close();
  }

  async get(key: string): Promise<Entry | undefined> {
    const response = await this.bounded(`read ${key}`, () => this.ns.get(key).exec());
    const kv = response.kvs[0];
    return kv ? this.entryOf(kv) : undefined;
  }

  async list(prefix: string): Promise<Entry[]> {
    const response = await this.bounded(`list ${prefix}`, () => this.ns.getAll().prefix(prefix).exec());
    return response.kvs.map((kv) => this.entryOf(kv));
  }

  /** Like `list`, with the etcd lease that keeps each entry (Flannel's subnet leases expire with theirs). */
  async listLeased(prefix: string): Promise<LeasedEntry[]> {
    const response = await this.bounded(`list ${prefix}`, () => this.ns.getAll().prefix(prefix).exec());
    return response.kvs.map((kv) => ({ ...this.entryOf(kv), lease: kv.lease && kv.lease !== '0' ? kv.lease : undefined }));
  }

  /** Seconds left on an etcd lease (0 once expired); null when etcd gives no number. */
  async leaseSecondsLeft(lease: string): Promise<number | null> {
    const answer = await this.bounded(`read lease ${lease}`, () => this.client.leaseClient.leaseTimeToLive({ ID: lease }));
    const ttl = Number(answer.TTL);
    return Number.isFinite(ttl) ? Math.max(0, ttl) : null;
  }

  /** The store's current revision: a watch from the next one misses nothing written after this call. */
  async currentRevision(): Promise<string> {
    const response = await this.bounded('read the current revision', () => this.ns.get('subnets/').exec());
    return response.header.revision;
  }

  /** Like `list`, with the store's revision at the time of the read (where a watch resumes). */
  async listAt(prefix: string): Promise<{ entries: Entry[]; revision: string }> {
    const response = await this.bounded(`list ${prefix}`, () => this.ns.getAll().prefix(prefix).exec());
    return { entries: response.kvs.map((kv) => this.entryOf(kv)), revision: response.header.revision };
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
    const builder = this.ns.watch().prefix(prefix);
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
    const keys = await this.bounded(`list ${prefix}`, () => this.ns.getAll().prefix(prefix).keys());
    return keys.map((key) => (key.startsWith(this.prefix) ? key.slice(this.prefix.length) : key));
  }

  async put(key: string, value: string, lease?: string): Promise<void> {
    await this.bounded(`write ${key}`, () => {
      const put = this.ns.put(key).value(value);
      return lease ? put.lease(lease).exec() : put.exec();
    });
  }

  async delete(key: string): Promise<void> {
    await this.bounded(`delete ${key}`, () => this.ns.delete().key(key).exec());
  }

  /** Deletes every key under the store's prefix (tests and teardown). */
  async deleteAll(): Promise<void> {
    await this.bounded('delete all keys', () => this.ns.delete().all().exec());
  }

  async txn(guards: readonly Guard[], writes: readonly Write[], readOnFailure: readonly string[] = []): Promise<TxnResult> {
    const what = `transaction on ${guards.map((guard) => guard.key).join(', ')}`;
    const response = await this.bounded(what, () => {
      const [first, ...rest] = guards;
      if (!first) throw new Error('a transaction needs at least one guard');
      const builder = this.ns.if(first.key, ...this.compareOf(first));
      for (const guard of rest) builder.and(guard.key, ...this.compareOf(guard));
      builder.then(...writes.map((write) => this.operationOf(write)));
      builder.else(...readOnFailure.map((key) => this.ns.get(key)));
      return builder.commit();
    });
    if (response.succeeded) return { succeeded: true, reads: [] };
    const reads = response.responses.map((op) => {
      const kv = op.response_range?.kvs[0];
      return kv ? this.entryOf(kv) : undefined;
    });
    return { succeeded: false, reads };
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
    const response = await this.bounded(what, async () => {
      const success = await Promise.all(
        txns.map(async (txn) => ({
          request_txn: {
            compare: txn.guards.map((guard) => this.rawCompareOf(guard)),
            success: await Promise.all(txn.writes.map((write) => this.operationOf(write).op())),
            failure: await Promise.all((txn.readOnFailure ?? []).map((key) => this.ns.get(key).op())),
          },
        })),
      );
      return this.ns.kv.txn({ compare: [], success, failure: [] });
    });
    return txns.map((_, index) => {
      const nested = response.responses[index]?.response_txn;
      if (!nested) throw this.unavailableError(`etcd answered ${what} without the result of transaction ${index + 1}: retry`);
      if (nested.succeeded) return { succeeded: true, reads: [] };
      return { succeeded: false, reads: nested.responses.map((op) => this.firstEntryOf(op.response_range?.kvs)) };
    });
  }

  /** Grants a lease of `ttlSeconds`, kept alive until it is lost or revoked. */
  async grantLease(ttlSeconds: number, onLost: (reason: Error) => void): Promise<LeaseHandle> {
    const lease = this.ns.lease(ttlSeconds, { autoKeepAlive: true });
    lease.on('lost', (error) => onLost(error));
    const id = await this.bounded('grant a lease', () => lease.grant());
    return {
      id,
      revoke: async () => {
        await this.bounded('revoke a lease', () => lease.revoke()).catch(() => undefined);
      },
    };
  }

  /** A guard as etcd's own compare, for transactions built without etcd3's builder. */
  private rawCompareOf(guard: Guard) {
    const key = Buffer.from(`${this.prefix}${guard.key}`);
    return 'absent' in guard
      ? { key, result: 'Equal' as const, target: 'Create' as const, create_revision: 0 }
      : { key, result: 'Equal' as const, target: 'Mod' as const, mod_revision: guard.modRevision };
  }

  private firstEntryOf(kvs: readonly { key: Buffer; value: Buffer; mod_revision: string }[] | undefined): Entry | undefined {
    const kv = kvs?.[0];
    return kv ? this.entryOf(kv) : undefined;
  }

  private compareOf(guard: Guard): ['Create' | 'Mod', '==', number | string] {
    return 'absent' in guard ? ['Create', '==', 0] : ['Mod', '==', guard.modRevision];
  }

  private operationOf(write: Write) {
    if ('delete' in write) return this.ns.delete().key(write.delete);
    const put = this.ns.put(write.put).value(write.value);
    return write.lease ? put.lease(write.lease) : put;
  }

  private entryOf(kv: { key: Buffer; value: Buffer; mod_revision: string }): Entry {
    const fullKey = kv.key.toString();
    const key = fullKey.startsWith(this.prefix) ? fullKey.slice(this.prefix.length) : fullKey;
    return { key, value: kv.value.toString(), modRevision: kv.mod_revision };
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
      if (error instanceof EtcdAuthenticationFailedError) {
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
