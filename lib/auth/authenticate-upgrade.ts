import { clientAddress } from '@/lib/http/client-address';
import type { DatabaseHandle } from '@/prisma-free-db';
import { readPresentedToken } from './api-token';
import { CrossSiteRequestError, ForbiddenError, ReadOnlyTokenError, UnauthorizedError } from './auth-errors';
import { assertPasswordChangedFor } from './password-change-gate';
import { granteeGrants, type Permission } from './permissions';
import { isSameOrigin } from './same-origin';
import { sessionAccountUser } from './session-account';
import { readSessionCookie } from './session-cookie';
import type { SessionUser } from './session-user';
import { authenticateApiTokenLimited, type TokenFailureGate } from './token-rate-limit';

export interface UpgradeAuthentication {
  database: DatabaseHandle;
  /** AUTH_SECRET: the session cookie's JWT is encrypted with it. */
  secret: string;
  /** The limit on failed tokens per address, shared with the REST API through the database. */
  tokenGate: TokenFailureGate;
}

/**
 * The caller of a WebSocket upgrade, by API token or session cookie, holding `permission`: the
 * guard's rules (lib/auth/guard.ts) for a request Next does not route. Upgrades open
 * interactive sessions, so they count as mutations: the Origin check applies to cookie
 * sessions although the handshake is a GET, and a read-only token is refused.
 */
export async function authenticateUpgrade(headers: Headers, permission: Permission, { database, secret, tokenGate }: UpgradeAuthentication): Promise<SessionUser> {
  const presented = readPresentedToken(headers);
  let user: SessionUser | null;
  if (presented === null) {
    // A cross-site page may open a WebSocket with the victim's cookie; its Origin gives it away.
    if (!isSameOrigin(headers)) throw new CrossSiteRequestError();
    const claim = await readSessionCookie(headers.get('cookie'), secret);
    user = claim ? await sessionAccountUser(database, claim.id, claim.signedInAt) : null;
  } else {
    user = await authenticateApiTokenLimited(database, tokenGate, presented, clientAddress(headers));
  }
  if (!user) throw new UnauthorizedError();
  assertPasswordChangedFor(user, null);
  if (user.credential?.kind === 'token' && user.credential.readOnly) throw new ReadOnlyTokenError();
  if (!granteeGrants(user, permission)) throw new ForbiddenError(permission, user.role);
  return user;
}
