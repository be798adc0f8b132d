/**
 * The subset of rethinkdbdash 2.3 that prisma-free-db uses (the package ships no types).
 * Documents come back as `unknown` on purpose: every row is validated with zod before use.
 * Connections are always created with `optionalRun: false`, so terms are not thenables and
 * run only through `.run()`; the driver's promises are Bluebird's, hence `PromiseLike`.
 */
declare module 'rethinkdbdash' {
  namespace rethinkdbdash {
    interface ServerAddress {
      host: string;
      port: number;
    }

    interface Options {
      servers?: ServerAddress[];
      /** Default database of the pool's connections. */
      db?: string;
      /** The RethinkDB user (default "admin") and its password (default none). */
      user?: string;
      password?: string;
      /** TLS to the server: true for the system's CAs, or node:tls options such as { ca }. */
      ssl?: boolean | { ca?: string | Buffer };
      /** Connections kept open when idle. */
      buffer?: number;
      /** Upper bound on open connections. */
      max?: number;
      /** Seconds to wait for a connection to open. */
      timeout?: number;
      /** Milliseconds before retrying a failed connection (doubled on each failure). */
      timeoutError?: number;
      /** Caps the retry delay at 2^maxExponent * timeoutError. */
      maxExponent?: number;
      /** Seconds between pings of idle connections; -1 disables. */
      pingInterval?: number;
      /** Keep the driver from printing to stderr. */
      silent?: boolean;
      log?: (message: string) => void;
      discovery?: boolean;
      /** false: terms are not thenables, they run only through `.run()`. */
      optionalRun?: boolean;
      cursor?: boolean;
      /** false: no pool; connections are opened one by one with `connect`. */
      pool?: boolean;
    }

    interface ConnectionOptions {
      host: string;
      port: number;
      /** Seconds to wait for the connection (handshake included). */
      timeout?: number;
      user?: string;
      password?: string;
      ssl?: boolean | { ca?: string | Buffer };
    }

    interface SingleConnection {
      close(): PromiseLike<void>;
    }

    interface Runnable<T> {
      run(): PromiseLike<T>;
    }

    interface WriteResult {
      inserted: number;
      replaced: number;
      unchanged: number;
      skipped: number;
      deleted: number;
      errors: number;
      first_error?: string;
      generated_keys?: string[];
      changes?: { new_val: unknown; old_val: unknown }[];
    }

    interface IndexStatus {
      index: string;
      ready: boolean;
    }

    /** A ReQL value expression such as `r.row('time').lt(date)`. */
    interface Expression extends Runnable<unknown> {
      (field: string): Expression;
      eq(value: unknown): Expression;
      ne(value: unknown): Expression;
      lt(value: unknown): Expression;
      le(value: unknown): Expression;
      gt(value: unknown): Expression;
      ge(value: unknown): Expression;
      and(other: Expression): Expression;
      or(other: Expression): Expression;
      downcase(): Expression;
      /** Characters [start, end) of a string. */
      slice(start: number, end: number): Expression;
    }

    interface Change {
      new_val: unknown;
      old_val: unknown;
    }

    /** What `table.changes()` runs to: a feed that calls back for every change until closed. */
    interface ChangeFeed {
      each(callback: (error: Error | null, change: Change) => void): void;
      close(): PromiseLike<unknown>;
    }

    /** Opaque result of `r.asc()` / `r.desc()`. */
    interface Ordering {
      readonly __ordering: unique symbol;
    }

    type OrderKey = string | Ordering | { index: string | Ordering };

    interface UpdateOptions {
      returnChanges?: boolean;
    }

    interface InsertOptions extends UpdateOptions {
      conflict?: 'error' | 'replace' | 'update';
    }

    interface Sequence extends Runnable<unknown[]> {
      filter(predicate: Expression | Record<string, unknown>): Sequence;
      orderBy(...keys: OrderKey[]): Sequence;
      limit(count: number): Sequence;
      count(): Runnable<number>;
      isEmpty(): Runnable<boolean>;
      update(patch: object, options?: UpdateOptions): Runnable<WriteResult>;
      delete(): Runnable<WriteResult>;
    }

    interface SingleSelection extends Runnable<unknown> {
      update(patch: object, options?: UpdateOptions): Runnable<WriteResult>;
      replace(document: object): Runnable<WriteResult>;
      delete(): Runnable<WriteResult>;
    }

    interface Table extends Sequence {
      get(key: string): SingleSelection;
      getAll(key: string, options: { index: string }): Sequence;
      insert(documents: object | object[], options?: InsertOptions): Runnable<WriteResult>;
      indexCreate(name: string, indexFunction?: Expression): Runnable<unknown>;
      indexList(): Runnable<string[]>;
      indexWait(...names: string[]): Runnable<IndexStatus[]>;
      changes(): Runnable<ChangeFeed>;
    }

    interface Db {
      table(name: string): Table;
      tableCreate(name: string, options?: { primaryKey?: string }): Runnable<unknown>;
      tableDrop(name: string): Runnable<unknown>;
      tableList(): Runnable<string[]>;
    }

    interface PoolMaster {
      drain(): PromiseLike<void>;
      getLength(): number;
      getAvailableLength(): number;
    }

    interface R {
      db(name: string): Db;
      dbCreate(name: string): Runnable<unknown>;
      dbDrop(name: string): Runnable<unknown>;
      dbList(): Runnable<string[]>;
      expr(value: unknown): Expression;
      row: Expression;
      asc(field: string): Ordering;
      desc(field: string): Ordering;
      getPoolMaster(): PoolMaster;
      /** Only with { pool: false }. */
      connect(options: ConnectionOptions): PromiseLike<SingleConnection>;
    }
  }

  function rethinkdbdash(options?: rethinkdbdash.Options): rethinkdbdash.R;
  export = rethinkdbdash;
}

declare module 'rethinkdbdash/lib/connection.js' {
  import type { EventEmitter } from 'node:events';
  /** The driver's one connection (internal): only its prototype's emit is touched, see prisma-free-db/driver-handshake-guard.ts. */
  interface DriverConnection extends EventEmitter {
    /** True once the handshake is done. */
    open: boolean;
    /** Its socket (a TLSSocket with `ssl`). */
    connection?: EventEmitter;
  }
  const Connection: { prototype: DriverConnection; new (...args: never[]): DriverConnection };
  export default Connection;
}
