import { createHash } from 'node:crypto';
import {
  clearLoginAttempts,
  deleteLoginAttempt,
  deleteLoginAttemptsBefore,
  loginAttemptTimes,
  recordLoginAttempt,
  type DatabaseHandle,
} from '@/prisma-free-db';

/**
 * Failed logins counted per key (username and client address) in a sliding window. The
 * database-backed limiter is what the console uses, so every console process behind a load
 * balancer counts against one limit; the in-memory one serves tests and single processes.
 */
export interface LoginRateLimiter {
  /** Seconds until the key may try again, or 0 when it may try now. */
  retryAfterSeconds(key: string): Promise<number>;
  recordFailure(key: string): Promise<void>;
  /**
   * Counts an attempt before it is checked, as a failure until reset() says it succeeded: 0 when
   * it may go on, else the seconds to wait (and then it is not counted). Recorded first and
   * counted after, so however many run at once, at most `maxFailures` in a window go on.
   */
  attempt(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

/** `times` without one occurrence of `time` (an attempt's own record; within 1 ms, as the database's float seconds may round). */
function withoutOne(times: readonly number[], time: number): number[] {
  const index = times.findIndex((each) => Math.abs(each - time) <= 1);
  return index < 0 ? [...times] : [...times.slice(0, index), ...times.slice(index + 1)];
}

export interface RateLimitOptions {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
  /**
   * Another count in the same table (lowercase words, e.g. "token"): its keys are stored as
   * "<space>:<sha256>", the login's as the bare hash, so the two never meet. Each limiter deletes
   * every row older than its own window: limits sharing the table keep the same window.
   */
  keySpace?: string;
}

/**
 * The window rule: with `maxFailures` failures inside the last `windowMs`, wait until the
 * oldest of the last `maxFailures` leaves the window (at least a second). `times` ascending.
 */
export function secondsUntilAllowed(times: readonly number[], now: number, options: Pick<RateLimitOptions, 'maxFailures' | 'windowMs'>): number {
  const recent = times.filter((time) => time > now - options.windowMs);
  if (recent.length < options.maxFailures) return 0;
  const oldest = recent[recent.length - options.maxFailures] ?? now;
  return Math.max(1, Math.ceil((oldest + options.windowMs - now) / 1000));
}

/** One process's own count, in memory. */
export function createLoginRateLimiter(options: RateLimitOptions): LoginRateLimiter {
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const kept = (failures.get(key) ?? []).filter((time) => time > now() - options.windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    async retryAfterSeconds(key) {
      return secondsUntilAllowed(recent(key), now(), options);
    },
    async recordFailure(key) {
      failures.set(key, [...recent(key), now()]);
    },
    async attempt(key) {
      // One process, no await between reading and writing: nothing can come in between.
      const wait = secondsUntilAllowed(recent(key), now(), options);
      if (wait === 0) failures.set(key, [...recent(key), now()]);
      return wait;
    },
    async reset(key) {
      failures.delete(key);
    },
  };
}

/**
 * The count kept in the database's login_attempts table, shared by every process that uses
 * it. Rows older than the window are deleted at most once a window per process, as failures
 * are recorded, so the table holds only what can still count. Keys are stored as their SHA-256:
 * a fixed length whatever a client sends, and no list of usernames and addresses at rest.
 */
export function createDatabaseLoginRateLimiter(database: () => Promise<DatabaseHandle>, options: RateLimitOptions): LoginRateLimiter {
  const now = options.now ?? Date.now;
  let lastPurge = Number.NEGATIVE_INFINITY;

  async function purgeOldRows(db: DatabaseHandle): Promise<void> {
    if (now() - lastPurge < options.windowMs) return;
    lastPurge = now();
    await deleteLoginAttemptsBefore(db, new Date(now() - options.windowMs)).catch((error: unknown) => {
      console.error('login rate limit: could not delete old attempts', error instanceof Error ? error.message : error);
    });
  }

  if (options.keySpace !== undefined && !/^[a-z-]{1,32}$/.test(options.keySpace)) throw new Error(`rate limit key space "${options.keySpace}" is not lowercase words`);
  const prefix = options.keySpace === undefined ? '' : `${options.keySpace}:`;
  const stored = (key: string) => prefix + createHash('sha256').update(key).digest('hex');

  return {
    async retryAfterSeconds(key) {
      const times = await loginAttemptTimes(await database(), stored(key), new Date(now() - options.windowMs));
      return secondsUntilAllowed(times, now(), options);
    },
    async recordFailure(key) {
      const db = await database();
      await recordLoginAttempt(db, stored(key), new Date(now()));
      await purgeOldRows(db);
    },
    async attempt(key) {
      // Insert, then count: each attempt sees its own row and every row inserted before it, so
      // the k-th to go on saw at least k rows of attempts that went on: k <= maxFailures. Two
      // processes, or many requests at once, cannot both take the last place.
      const db = await database();
      const at = now();
      const id = await recordLoginAttempt(db, stored(key), new Date(at));
      const times = await loginAttemptTimes(db, stored(key), new Date(now() - options.windowMs));
      const wait = secondsUntilAllowed(withoutOne(times, at), now(), options);
      // A refused attempt leaves no row: only attempts that were checked count against the key.
      if (wait > 0) await deleteLoginAttempt(db, id);
      await purgeOldRows(db);
      return wait;
    },
    async reset(key) {
      await clearLoginAttempts(await database(), stored(key));
    },
  };
}

export function loginRateLimitKey(username: string, address: string): string {
  return `${username.trim().toLowerCase()}|${address}`;
}
