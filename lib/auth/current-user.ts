import 'server-only';
import { headers } from 'next/headers';
import { onAccountChanged } from '@/prisma-free-db';
import { getDatabase } from '@/lib/server/services';
import { clientAddress } from '@/lib/http/client-address';
import { readPresentedToken } from './api-token';
import { auth } from './auth';
import { CallerCache } from './caller-cache';
import { sessionAccountUser } from './session-account';
import { authenticateApiTokenLimited, createTokenFailureGate } from './token-rate-limit';
import type { SessionUser } from './session-user';

// One per process (on globalThis, so `next dev` reloading this module keeps one listener).
const holder = globalThis as typeof globalThis & { shipyardCallerCache?: CallerCache };

function callerCache(): CallerCache {
  if (!holder.shipyardCallerCache) {
    const cache = new CallerCache();
    onAccountChanged((accountId) => cache.forgetAccount(accountId));
    holder.shipyardCallerCache = cache;
  }
  return holder.shipyardCallerCache;
}

/** The user behind a session, read from the session and the account: no cache. */
async function readCurrentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return sessionAccountUser(await getDatabase(), id, session.signedInAt);
}

// Failed tokens counted in the database, so every console process shares one limit per address.
const tokenGate = createTokenFailureGate(getDatabase);

/**
 * The signed-in user, or null. The session cookie names an account; the account itself is read
 * again at least every 3 s and at once after any change to it (lib/auth/caller-cache.ts), so a
 * deleted or disabled account or a changed role takes effect at once, and a session that began
 * before the password last changed, or before the account signed out, is no longer valid.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const incoming = await headers();
  const cookie = incoming.get('cookie') ?? '';
  if (cookie === '') return null; // no cookie, no session
  // What auth() reads: the cookies, and the protocol that decides the session cookie's name.
  const key = CallerCache.keyOf([cookie, incoming.get('x-forwarded-proto') ?? '']);
  const cache = callerCache();
  const cached = cache.get(key);
  if (cached) return cached;
  const generation = cache.currentGeneration;
  const user = await readCurrentUser();
  if (user) cache.set(key, user, generation);
  return user;
}

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
