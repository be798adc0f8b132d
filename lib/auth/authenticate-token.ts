import { recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { findAccountById, findApiTokenByHash, touchApiToken, type DatabaseHandle } from '@/prisma-free-db';
import { accountUser } from './account-user';
import { hashApiToken, type PresentedToken } from './api-token';
import type { SessionUser } from './session-user';

/** A token that does not let its bearer in: 401 with the reason, so a script's owner can act. */
export class TokenRejectedError extends AppError {
  static override readonly brand: string = 'TokenRejectedError';
  constructor(message: string) {
    super('UNAUTHORIZED', message);
  }
}

// lastUsedAt is a hint for finding unused tokens; one write a minute per token is plenty.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The account behind an API token, checked on every request: the token must exist, be neither
 * revoked nor expired, belong to the named user (X-Access-Token) and to an enabled account.
 * Each refusal is audited as auth.token / failure.
 */
export async function authenticateApiToken(
  database: DatabaseHandle,
  presented: PresentedToken | 'malformed',
  address: string,
  now: Date = new Date(),
): Promise<SessionUser> {
  const refuse = async (message: string, actor: string | null, tokenName: string | null): Promise<never> => {
    await recordAudit(database, {
      actor,
      action: 'auth.token',
      target: tokenName,
      outcome: 'failure',
      address,
      details: { reason: message },
    });
    throw new TokenRejectedError(message);
  };
  if (presented === 'malformed') {
    return refuse('The API token is malformed: send Authorization: Bearer shy_… or X-Access-Token: <user>:shy_…', null, null);
  }
  const token = await findApiTokenByHash(database, hashApiToken(presented.secret));
  if (!token) return refuse('The API token is not valid: create a new one on the API tokens page', presented.username, null);
  const account = await findAccountById(database, token.accountId);
  const owner = account?.username ?? presented.username;
  if (token.revokedAt) return refuse(`The API token "${token.name}" was revoked on ${token.revokedAt.toISOString()}`, owner, token.name);
  if (token.expiresAt <= now) return refuse(`The API token "${token.name}" expired on ${token.expiresAt.toISOString()}: create a new one`, owner, token.name);
  if (!account) return refuse(`The account of the API token "${token.name}" no longer exists`, owner, token.name);
  if (presented.username !== null && presented.username.toLowerCase() !== account.username.toLowerCase()) {
    return refuse('The API token does not belong to the user named in X-Access-Token', presented.username, token.name);
  }
  if (account.disabled) return refuse(`The account ${account.username} is disabled: its API tokens do not work`, owner, token.name);

  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    await touchApiToken(database, token.id, now).catch((error: unknown) => {
      console.error('api token: could not record its last use', error instanceof Error ? error.message : error);
    });
  }
  return accountUser(account, { kind: 'token', tokenId: token.id, readOnly: token.readOnly });
}
