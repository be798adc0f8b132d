import type { z } from 'zod';
import { audited } from '@/lib/audit/audited';
import { generateApiToken } from '@/lib/auth/api-token';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError, ConflictError, NotFoundError } from '@/lib/errors/app-error';
import { createApiToken, deleteApiToken, findApiTokenById, listApiTokensByAccount, revokeApiToken, type ApiToken, type DatabaseHandle } from '@/prisma-free-db';
import type { createTokenSchema } from './token-schema';

const DAY_MS = 86_400_000;

export type TokenStatus = 'active' | 'expired' | 'revoked';

/** A token as its owner sees it: never the secret, never the hash. */
export interface PublicToken {
  id: string;
  name: string;
  readOnly: boolean;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: TokenStatus;
}

export function toPublicToken(token: ApiToken, now: Date = new Date()): PublicToken {
  const status: TokenStatus = token.revokedAt ? 'revoked' : token.expiresAt <= now ? 'expired' : 'active';
  const { id, name, readOnly, createdAt, expiresAt, lastUsedAt, revokedAt } = token;
  return { id, name, readOnly, createdAt, expiresAt, lastUsedAt, revokedAt, status };
}

class TokenFromTokenError extends AppError {
  constructor() {
    super('FORBIDDEN', 'An API token cannot create API tokens (that would let it outlive its expiry): sign in to create one');
  }
}

/** Creates a token for the caller; the secret is in the answer once and never stored. */
export async function createOwnToken(
  database: DatabaseHandle,
  user: SessionUser,
  input: z.output<typeof createTokenSchema>,
  address: string,
  now: Date = new Date(),
): Promise<{ token: PublicToken; secret: string }> {
  const details = { name: input.name, expiresInDays: input.expiresInDays, readOnly: input.readOnly };
  return audited({ username: user.username, address, database }, { action: 'token.create', target: input.name, details }, async () => {
    if (user.credential?.kind === 'token') throw new TokenFromTokenError();
    const { secret, hash } = generateApiToken();
    const token = await createApiToken(database, {
      accountId: user.id,
      name: input.name,
      tokenHash: hash,
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
      readOnly: input.readOnly,
    });
    return { token: toPublicToken(token, now), secret };
  });
}

export async function listOwnTokens(database: DatabaseHandle, user: SessionUser): Promise<PublicToken[]> {
  const now = new Date();
  return (await listApiTokensByAccount(database, user.id)).map((token) => toPublicToken(token, now));
}

/** Revokes one of the caller's tokens; someone else's token is answered as not found. */
export async function revokeOwnToken(database: DatabaseHandle, user: SessionUser, id: string, address: string): Promise<PublicToken> {
  const token = await findApiTokenById(database, id);
  const mine = token !== null && token.accountId === user.id;
  return audited({ username: user.username, address, database }, { action: 'token.revoke', target: mine ? token.name : id }, async () => {
    if (!mine) throw new NotFoundError(`You have no API token with the id ${id}`);
    return toPublicToken(await revokeApiToken(database, id));
  });
}

/**
 * Deletes one of the caller's tokens that can no longer be used (revoked or expired), so the list
 * keeps only what matters; a live token must be revoked first, so deleting is never how one is cut off.
 */
export async function deleteOwnToken(database: DatabaseHandle, user: SessionUser, id: string, address: string, now: Date = new Date()): Promise<PublicToken> {
  const token = await findApiTokenById(database, id);
  const mine = token !== null && token.accountId === user.id;
  return audited({ username: user.username, address, database }, { action: 'token.delete', target: mine ? token.name : id }, async () => {
    if (!mine) throw new NotFoundError(`You have no API token with the id ${id}`);
    const view = toPublicToken(token, now);
    if (view.status === 'active') throw new ConflictError(`The token ${token.name} is still active: revoke it before deleting it`);
    await deleteApiToken(database, id);
    return view;
  });
}
