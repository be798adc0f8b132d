import { findAccountById, type DatabaseHandle } from '@/prisma-free-db';
import { accountUser } from './account-user';
import type { SessionUser } from './session-user';

/**
 * The user a session cookie names, or null. The account itself is read on every request, so a
 * deleted or disabled account or a changed role takes effect at once, and a session that began
 * before the password last changed, or before the account last signed out, is no longer valid.
 */
export async function sessionAccountUser(database: DatabaseHandle, id: string, signedInAt: number | undefined): Promise<SessionUser | null> {
  const account = await findAccountById(database, id);
  if (!account || account.disabled) return null;
  // No grace period: a reset by an admin must end a session begun a moment earlier too. The
  // change-your-own-password flow signs in again after the change, so it stays signed in.
  if (account.passwordChangedAt && (signedInAt === undefined || signedInAt < account.passwordChangedAt.getTime())) {
    return null;
  }
  // Signing out ends the session here, not only in the browser: a copied cookie is refused too.
  if (account.sessionsEndedAt && (signedInAt === undefined || signedInAt < account.sessionsEndedAt.getTime())) {
    return null;
  }
  return accountUser(account, { kind: 'session' });
}
