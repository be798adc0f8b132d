import { isIP } from 'node:net';
import rethinkdbdash from 'rethinkdbdash';
import type { R, Runnable, ServerAddress, Table } from 'rethinkdbdash';
import { DatabaseUnavailableError, ValidationError, type FieldError } from '@/errors/app-error';
import { guardDriverHandshakeErrors } from './driver-handshake-guard';
import { translateDriverError, unreachableMessage } from './errors';
import { DEFAULT_DATABASE_NAME, type TableName } from './tables';

export type { ServerAddress };

const HOSTNAME = /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const DATABASE_NAME = /^[a-zA-Z0-9_]{1,64}$/;

/**
 * Parses "host:port[,host:port...]" (SHIPYARD_DATABASE). IPv6 addresses go in brackets:
 * "[::1]:28015". Throws one ValidationError listing every bad entry, each with its fix.
 */
export function parseServers(value: string, variable = 'SHIPYARD_DATABASE'): ServerAddress[] {
  if (value.trim() === '') {
    throw new ValidationError(`${variable} is empty: give host:port, e.g. 127.0.0.1:28015`, [
      { path: variable, message: 'is empty: give host:port, e.g. 127.0.0.1:28015' },
    ]);
  }
  const servers: ServerAddress[] = [];
  const problems: FieldError[] = [];
  value.split(',').forEach((rawEntry, index) => {
    const entry = rawEntry.trim();
    const problem = (message: string) => problems.push({ path: `${variable}[${index}]`, message });
    if (entry === '') return problem(`entry ${index + 1} is empty: remove the extra comma`);
    if (entry.includes('://')) return problem(`"${entry}" has a scheme: write only host:port, e.g. 127.0.0.1:28015`);

    const match = /^\[([^\]]+)\]:(.*)$/.exec(entry) ?? /^([^:]*):([^:]*)$/.exec(entry);
    if (!match) {
      const hint = entry.includes(':') ? 'put an IPv6 address in brackets, e.g. [::1]:28015' : `add the port, e.g. ${entry}:28015`;
      return problem(`"${entry}" is not host:port: ${hint}`);
    }
    const host = match[1] ?? '';
    const portText = match[2] ?? '';
    if (host === '') return problem(`"${entry}" has no host: e.g. 127.0.0.1${entry}`);
    if (isIP(host) === 0 && !HOSTNAME.test(host)) {
      return problem(`"${entry}": "${host}" is not a hostname or IP address`);
    }
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
      return problem(`"${entry}": the port must be a number from 1 to 65535 (RethinkDB's is 28015)`);
    }
    servers.push({ host, port });
  });
  if (problems.length > 0) {
    throw new ValidationError(
      `${variable} is not valid: ${problems.map((p) => p.message).join('; ')}`,
      problems,
    );
  }
  return servers;
}

export function formatServers(servers: readonly ServerAddress[]): string {
  return servers.map(({ host, port }) => (isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`)).join(',');
}

export interface ConnectOptions {
  /**
   * The servers, as the console's checked configuration parsed them (SHIPYARD_DATABASE is read
   * once, in loadConfig), or "host:port[,host:port...]" text from a tool or test, parsed here.
   */
  servers: string | readonly ServerAddress[];
  /** Database name; tests pass a unique one each. Default "shipyard". */
  db?: string;
  /** Upper bound for any one query, connection wait included. Default 5000 ms. */
  queryTimeoutMs?: number;
  /** Upper bound for opening one TCP connection. Default 3 s. */
  connectTimeoutSeconds?: number;
  /** Pool ceiling. Default 20: a console, not a hot path. */
  maxConnections?: number;
  /** RethinkDB's user and password, and the CA its TLS certificate is checked against (null: no TLS). */
  credentials?: { user: string | null; password: string | null; ca: string | null };
  /** Receives the driver's pool messages. Default: one warning a minute while it cannot connect. */
  log?: (message: string) => void;
}

/** The handle every repository takes: the query builder plus a bounded `run`. */
export interface DatabaseHandle {
  readonly r: R;
  readonly dbName: string;
  /** The servers as given, for messages. */
  readonly address: string;
  table(name: TableName): Table;
  /** Runs a query; fails with DatabaseUnavailableError instead of hanging when the server is
   *  down or silent, and with DatabaseQueryError when the server refuses the query. */
  run<T>(query: Runnable<T>): Promise<T>;
  /** Drains the pool (idempotent) so the process can exit. */
  close(): Promise<void>;
}

const DEFAULT_QUERY_TIMEOUT_MS = 5_000;
const DEFAULT_CONNECT_TIMEOUT_SECONDS = 3;
const DEFAULT_MAX_CONNECTIONS = 20;
const PING_INTERVAL_SECONDS = 30;

/** The pool retries in the background forever; an operator needs to hear that once a minute,
 *  not once per attempt, and the rest of its chatter (pool sizes, draining) not at all. */
function onceAMinuteWarning(address: string): (message: string) => void {
  let lastWarnedAt = 0;
  return (message) => {
    if (!message.startsWith('Fail to create a new connection')) return;
    const now = Date.now();
    if (now - lastWarnedAt < 60_000) return;
    lastWarnedAt = now;
    console.warn(`${unreachableMessage(address)} (retrying in the background)`);
  };
}

function withTimeout<T>(work: PromiseLike<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The driver's options for a user, a password and TLS; none given: "admin" without one, no TLS. */
export function driverCredentials(credentials: ConnectOptions['credentials']): { user?: string; password?: string; ssl?: { ca: string } } {
  if (!credentials) return {};
  return {
    ...(credentials.user !== null ? { user: credentials.user } : {}),
    ...(credentials.password !== null ? { password: credentials.password } : {}),
    ...(credentials.ca !== null ? { ssl: { ca: credentials.ca } } : {}),
  };
}

/**
 * Opens a pool to the servers (lazily: this never throws for an unreachable database, so the
 * console can start and report it). Throws ValidationError for a malformed address or name.
 */
export function connectDatabase(options: ConnectOptions): DatabaseHandle {
  const servers = typeof options.servers === 'string' ? parseServers(options.servers) : options.servers.map(({ host, port }) => ({ host, port }));
  const dbName = options.db ?? DEFAULT_DATABASE_NAME;
  if (!DATABASE_NAME.test(dbName)) {
    throw new ValidationError(`The database name "${dbName}" is not valid: use letters, digits and underscores`, [
      { path: 'db', message: 'use letters, digits and underscores (at most 64)' },
    ]);
  }
  const address = formatServers(servers);
  const queryTimeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const log = options.log ?? onceAMinuteWarning(address);

  guardDriverHandshakeErrors();
  const r = rethinkdbdash({
    servers,
    db: dbName,
    ...driverCredentials(options.credentials),
    // Terms must not run when awaited by accident: only `run()` below executes them.
    optionalRun: false,
    silent: true,
    log,
    buffer: 1,
    max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    timeout: options.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS,
    // Retry a dead server after 1, 2, 4 ... at most 16 s, so recovery is noticed quickly.
    timeoutError: 1_000,
    maxExponent: 4,
    // Finds sockets the server closed while idle, before a query lands on them.
    pingInterval: PING_INTERVAL_SECONDS,
  });

  let closing: Promise<void> | null = null;

  const run = async <T>(query: Runnable<T>): Promise<T> => {
    if (closing) throw new DatabaseUnavailableError(`The connection to the database at ${address} was closed`);
    try {
      // The driver has no query timeout; a silent server would otherwise hang the caller.
      return await withTimeout(query.run(), queryTimeoutMs, () =>
        new DatabaseUnavailableError(
          `${unreachableMessage(address)} (no answer within ${queryTimeoutMs / 1000} s)`,
        ),
      );
    } catch (error) {
      throw translateDriverError(error, address);
    }
  };

  return {
    r,
    dbName,
    address,
    table: (name) => r.db(dbName).table(name),
    run,
    close() {
      closing ??= Promise.resolve(r.getPoolMaster().drain()).then(() => undefined);
      return closing;
    },
  };
}

/** Round trip time in ms of a trivial query, for the health check; throws like `run`. */
export async function pingDatabase(db: DatabaseHandle): Promise<number> {
  const started = performance.now();
  await db.run(db.r.expr(1));
  return Math.round((performance.now() - started) * 10) / 10;
}
