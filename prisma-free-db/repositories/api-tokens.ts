import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@/errors/app-error';
import type { DatabaseHandle } from '../connection';
import { INDEXES, TABLES } from '../tables';
import { apiTokenSchema, newApiTokenSchema, tokenHashSchema, type ApiToken, type NewApiToken } from '../schemas/api-token';
import { parseInput, parseRow, parseRows } from '../validate';
import { changedDocument, insertNew } from '../writes';
import { apiTokenChanged } from '../account-changes';

/** Stores a token's hash (the token itself is shown once, by the caller, and never stored). */
export async function createApiToken(db: DatabaseHandle, input: NewApiToken): Promise<ApiToken> {
  const fields = parseInput(newApiTokenSchema, input, 'API token');
  const token = parseInput(
    apiTokenSchema,
    { ...fields, id: randomUUID(), createdAt: new Date(), lastUsedAt: null, revokedAt: null },
    'API token',
  );
  await insertNew(db, TABLES.apiTokens, token);
  return token;
}

/** The token with this hash, revoked or expired ones included: the caller decides. */
export async function findApiTokenByHash(db: DatabaseHandle, tokenHash: string): Promise<ApiToken | null> {
  const hash = parseInput(tokenHashSchema, tokenHash, 'token hash');
  const rows = await db.run(db.table(TABLES.apiTokens).getAll(hash, { index: INDEXES.apiTokensByHash }).limit(1));
  return rows.length === 0 ? null : parseRow(apiTokenSchema, rows[0], TABLES.apiTokens);
}

/** An account's tokens, newest first. */
export async function listApiTokensByAccount(db: DatabaseHandle, accountId: string): Promise<ApiToken[]> {
  const rows = await db.run(
    db.table(TABLES.apiTokens).getAll(accountId, { index: INDEXES.apiTokensByAccount }).orderBy(db.r.desc('createdAt')),
  );
  return parseRows(apiTokenSchema, rows, TABLES.apiTokens);
}

/** Every account's tokens, newest first (for admins; a few per account, so one read). */
export async function listAllApiTokens(db: DatabaseHandle): Promise<ApiToken[]> {
  const rows = await db.run(db.table(TABLES.apiTokens).orderBy(db.r.desc('createdAt')));
  return parseRows(apiTokenSchema, rows, TABLES.apiTokens);
}

/** Marks the token revoked (kept for the audit trail). Revoking twice keeps the first time. */
export async function revokeApiToken(db: DatabaseHandle, id: string): Promise<ApiToken> {
  const current = await db.run(db.table(TABLES.apiTokens).get(id));
  if (current === null) throw new NotFoundError(`No API token has the id ${id}`);
  const token = parseRow(apiTokenSchema, current, TABLES.apiTokens);
  if (token.revokedAt) return token;
  // Told before and after the write: a check that read the token before the write is not kept,
  // and one kept in between is dropped (lib/auth/token-cache.ts).
  apiTokenChanged(id);
  let result;
  try {
    result = await db.run(db.table(TABLES.apiTokens).get(id).update({ revokedAt: new Date() }, { returnChanges: true }));
  } finally {
    apiTokenChanged(id); // even when the answer was lost: the write may have happened
  }
  const updated = changedDocument(db, result);
  if (updated === null) throw new NotFoundError(`No API token has the id ${id}`);
  return parseRow(apiTokenSchema, updated, TABLES.apiTokens);
}

/** Deletes a token's record for good (its owner tidying up revoked and expired ones); false if there was none. */
export async function deleteApiToken(db: DatabaseHandle, id: string): Promise<boolean> {
  const result = await db.run(db.table(TABLES.apiTokens).get(id).delete());
  return result.deleted > 0;
}

export async function findApiTokenById(db: DatabaseHandle, id: string): Promise<ApiToken | null> {
  const row = await db.run(db.table(TABLES.apiTokens).get(id));
  return row === null ? null : parseRow(apiTokenSchema, row, TABLES.apiTokens);
}

/** Records when the token was last used (shown in its list, so unused tokens can be found). */
export async function touchApiToken(db: DatabaseHandle, id: string, at: Date = new Date()): Promise<void> {
  await db.run(db.table(TABLES.apiTokens).get(id).update({ lastUsedAt: at }));
}

/** Revokes every live token of an account (when it is deleted); returns how many. */
export async function revokeApiTokensOfAccount(db: DatabaseHandle, accountId: string): Promise<number> {
  const live = (await listApiTokensByAccount(db, accountId)).filter((token) => token.revokedAt === null);
  for (const token of live) await revokeApiToken(db, token.id);
  return live.length;
}
