import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '../connection';
import { INDEXES, TABLES } from '../tables';
import { loginAttemptSchema } from '../schemas/login-attempt';
import { parseInput, parseRows } from '../validate';
import { insertNew, writeFailed } from '../writes';

/** Records one failed sign-in for `key` at `at`. */
export async function recordLoginAttempt(db: DatabaseHandle, key: string, at: Date): Promise<void> {
  await insertNew(db, TABLES.loginAttempts, parseInput(loginAttemptSchema, { id: randomUUID(), key, at }, 'login attempt'));
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
