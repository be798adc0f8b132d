import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '../connection';
import { INDEXES, TABLES } from '../tables';
import { loginAttemptSchema } from '../schemas/login-attempt';
import { parseInput, parseRows } from '../validate';
import { insertNew, writeFailed } from '../writes';

/** Records one failed (or, for the sign-in limit, one begun) attempt for `key` at `at`; returns its id. */
export async function recordLoginAttempt(db: DatabaseHandle, key: string, at: Date): Promise<string> {
  const id = randomUUID();
  await insertNew(db, TABLES.loginAttempts, parseInput(loginAttemptSchema, { id, key, at }, 'login attempt'));
  return id;
}

/** Deletes one attempt by its id (an attempt the limit refused, so it does not count). */
export async function deleteLoginAttempt(db: DatabaseHandle, id: string): Promise<void> {
  const result = await db.run(db.table(TABLES.loginAttempts).get(id).delete());
  if (result.errors > 0) throw writeFailed(db, result);
}

/** The times `key` failed after `since`, oldest first. */
export async function loginAttemptTimes(db: DatabaseHandle, key: string, since: Date): Promise<number[]> {
  // getAll on the key index, then filter: a key has at most a few rows in its window, and
  // reqlite (the embedded server) can hang on between() ranges.
  const rows = await db.run(db.table(TABLES.loginAttempts).getAll(key, { index: INDEXES.loginAttemptsByKey }).filter(db.r.row('at').gt(since)));
  return parseRows(loginAttemptSchema, rows, TABLES.loginAttempts)
    .map((attempt) => attempt.at.getTime())
    .sort((a, b) => a - b);
}

/** Forgets every failure of `key` (after a successful sign-in). */
export async function clearLoginAttempts(db: DatabaseHandle, key: string): Promise<void> {
  const result = await db.run(db.table(TABLES.loginAttempts).getAll(key, { index: INDEXES.loginAttemptsByKey }).delete());
  if (result.errors > 0) throw writeFailed(db, result);
}

/** Deletes the failures older than `before` (outside every window); returns how many. */
export async function deleteLoginAttemptsBefore(db: DatabaseHandle, before: Date): Promise<number> {
  const result = await db.run(db.table(TABLES.loginAttempts).filter(db.r.row('at').lt(before)).delete());
  if (result.errors > 0) throw writeFailed(db, result);
  return result.deleted;
}
