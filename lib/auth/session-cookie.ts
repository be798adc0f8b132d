import { decode } from 'next-auth/jwt';

/**
 * The session cookie's names as next-auth sets them (lib/auth/auth.ts keeps its defaults): the
 * __Secure- one over HTTPS. Each name is also the salt its JWT is encrypted with.
 */
export const SESSION_COOKIE_NAMES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

/** What the session cookie says: the account id and when its user signed in. */
export interface SessionClaim {
  id: string;
  signedInAt: number | undefined;
}

function readCookie(header: string, name: string): string | null {
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

/**
 * The session named by a Cookie header, for code that runs outside a Next request (auth() reads
 * the request from Next's scope). Null when there is no cookie, or it does not decrypt with
 * `secret` (forged, or from before AUTH_SECRET changed), or it has expired.
 */
export async function readSessionCookie(cookieHeader: string | null, secret: string): Promise<SessionClaim | null> {
  if (!cookieHeader) return null;
  for (const name of SESSION_COOKIE_NAMES) {
    const token = readCookie(cookieHeader, name);
    if (!token) continue;
    const claims = await decode({ token, secret, salt: name }).catch(() => null);
    if (claims?.sub) return { id: claims.sub, signedInAt: typeof claims.signedInAt === 'number' ? claims.signedInAt : undefined };
  }
  return null;
}
