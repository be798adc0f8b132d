import { createHash, randomBytes } from 'node:crypto';

/** Recognizable in logs and secret scanners; 32 random bytes behind it. */
export const TOKEN_PREFIX = 'shy_';
const TOKEN_PATTERN = /^shy_[A-Za-z0-9_-]{43}$/;

export function hashApiToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new token: the secret is shown once to its owner; only the hash is stored. */
export function generateApiToken(): { secret: string; hash: string } {
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { secret, hash: hashApiToken(secret) };
}

/** A token presented with a request; `username` when it came as Shipyard's user:token header. */
export interface PresentedToken {
  secret: string;
  username: string | null;
}

/**
 * The API token a request carries, if any: `Authorization: Bearer <token>`, or the original
 * Shipyard's `X-Access-Token: <user>:<token>`. 'malformed' when a header is there but is not
 * a token of ours, so the caller gets a 401 that says so rather than a cookie fallback.
 */
export function readPresentedToken(headers: Pick<Headers, 'get'>): PresentedToken | 'malformed' | null {
  const authorization = headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1] || !TOKEN_PATTERN.test(match[1])) return 'malformed';
    return { secret: match[1], username: null };
  }
  const accessToken = headers.get('x-access-token');
  if (accessToken !== null) {
    const separator = accessToken.lastIndexOf(':');
    const username = accessToken.slice(0, separator).trim();
    const secret = accessToken.slice(separator + 1).trim();
    if (separator <= 0 || username === '' || !TOKEN_PATTERN.test(secret)) return 'malformed';
    return { secret, username };
  }
  return null;
}
