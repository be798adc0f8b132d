import { endAccountSessions, type DatabaseHandle } from '@/prisma-free-db';

/** The account id in what next-auth's signOut event carries ({ token } for JWT sessions), if any. */
function accountIdOf(signedOut: object): string | null {
  if (!('token' in signedOut)) return null;
  const token = signedOut.token;
  if (typeof token !== 'object' || token === null || !('sub' in token)) return null;
  return typeof token.sub === 'string' && token.sub !== '' ? token.sub : null;
}

/**
 * Signing out ends the session on the server, not only the cookie in the browser: every session
 * of the account that began before now is refused from then on (lib/auth/session-account.ts), so
 * a copied cookie stops working. Per account, as sessions carry no id of their own: signing out
 * in one browser signs out the others too. Returns whether there was an account to sign out.
 */
export async function endSignedOutSessions(database: DatabaseHandle, signedOut: object, at: Date = new Date()): Promise<boolean> {
  const accountId = accountIdOf(signedOut);
  if (accountId === null) return false;
  await endAccountSessions(database, accountId, at);
  return true;
}
