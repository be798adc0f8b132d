import 'server-only';
import { getDatabase } from '@/lib/server/services';
import { clientAddress } from '@/lib/http/client-address';
import { readPresentedToken } from './api-token';
import { auth } from './auth';
import { sessionAccountUser } from './session-account';
import { authenticateApiTokenLimited, createTokenFailureGate } from './token-rate-limit';
import type { SessionUser } from './session-user';

/**
 * The signed-in user, or null. The session cookie names an account; the account itself is read
 * on every request, so a deleted or disabled account or a changed role takes effect at once, and
 * a session that began before the password last changed is no longer valid.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return sessionAccountUser(await getDatabase(), id, session.signedInAt);
}

// Failed tokens counted in the database, so every console process shares one limit per address.
const tokenGate = createTokenFailureGate(getDatabase);

/**
 * Who sent an API request: its API token if it carries one (a bad token is a 401, never a
 * fallback to the cookie; too many bad ones from the caller's address a 429), else its session.
 * Null when it has neither.
 */
export async function getRequestUser(request: Request): Promise<SessionUser | null> {
  const presented = readPresentedToken(request.headers);
  if (presented === null) return getCurrentUser();
  return authenticateApiTokenLimited(await getDatabase(), tokenGate, presented, clientAddress(request.headers));
}
