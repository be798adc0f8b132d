import { onAccountChanged, onApiTokenChanged, type DatabaseHandle } from '@/prisma-free-db';
import type { PresentedToken } from './api-token';
import type { SessionUser } from './session-user';
import { CallerCache } from './caller-cache';
import { authenticateApiTokenLimited, type TokenFailureGate } from './token-rate-limit';

/**
 * API tokens that passed every check (lib/auth/authenticate-token.ts), for a few seconds, so a
 * docker CLI command (a ping, then one to a dozen calls) does not read the token, the account and
 * the failure count from the database on every call. Safe because:
 * - an entry is found only with the very same secret and user name (the key is their SHA-256),
 *   and only for `ttlMs` (default 3 s, as the session cache, lib/auth/caller-cache.ts): an
 *   account or token changed by another console process is seen within that, and a token that
 *   expires is refused at most that late;
 * - revoking a token, and every account write, in this process drop the entries at once (the
 *   repositories tell onApiTokenChanged / onAccountChanged, before and after the write), so a
 *   revoked token, or a disabled, deleted or demoted account, is refused on the next call;
 * - a check that began before such a write is not kept (the generation marker);
 * - only tokens that let their bearer in are kept, never a refusal (each refusal is counted and
 *   audited as before), and a kept token needs no failure-limit check (a valid token is let in
 *   even over the limit).
 */
export class VerifiedTokenCache extends CallerCache {
  /** After a write to a token (`tokenId`) or an account (`accountId`): its entries go, checks in flight are not kept. */
  forget(match: { tokenId?: string; accountId?: string }): void {
    this.forgetWhere((user) => {
      const tokenId = user.credential?.kind === 'token' ? user.credential.tokenId : undefined;
      return user.id === match.accountId || (match.tokenId !== undefined && tokenId === match.tokenId);
    });
  }
}

/** The cache key of a presented token: its secret and user name (names match case-insensitively, as the check does). */
export function verifiedTokenKey(presented: PresentedToken): string {
  return CallerCache.keyOf([presented.username?.toLowerCase() ?? '', presented.secret]);
}

/** A cache told of every token and account write of this process; the returned function stops that. */
export function watchedTokenCache(options?: ConstructorParameters<typeof VerifiedTokenCache>[0]): { cache: VerifiedTokenCache; stop: () => void } {
  const cache = new VerifiedTokenCache(options);
  const stops = [onApiTokenChanged((tokenId) => cache.forget({ tokenId })), onAccountChanged((accountId) => cache.forget({ accountId }))];
  return { cache, stop: () => stops.forEach((stop) => stop()) };
}

/** authenticateApiTokenLimited, answered from `cache` while the same token was let in moments ago. */
export async function authenticateApiTokenCached(
  cache: VerifiedTokenCache,
  database: DatabaseHandle,
  gate: TokenFailureGate,
  presented: PresentedToken | 'malformed',
  address: string,
): Promise<SessionUser> {
  if (presented === 'malformed') return authenticateApiTokenLimited(database, gate, presented, address);
  const key = verifiedTokenKey(presented);
  const kept = cache.get(key);
  if (kept) return kept;
  const generation = cache.currentGeneration;
  const user = await authenticateApiTokenLimited(database, gate, presented, address);
  cache.set(key, user, generation);
  return user;
}
