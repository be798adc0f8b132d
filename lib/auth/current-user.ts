import 'server-only';
import { findAccountById } from '@/prisma-free-db';
import { getDatabase } from '@/lib/server/services';
import { auth } from './auth';
import type { SessionUser } from './session-user';

/**
 * The signed-in user, or null. The session cookie names an account; the account itself is read
 * on every request, so a deleted account or a changed role takes effect at once, and a session
 * that began before the password last changed is no longer valid.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const account = await findAccountById(await getDatabase(), id);
  if (!account) return null;
  const signedInAt = session.signedInAt;
  if (account.passwordChangedAt && (signedInAt === undefined || signedInAt < account.passwordChangedAt.getTime() - 1000)) {
    return null;
  }
  return { id: account.id, username: account.username, role: account.role, mustChangePassword: account.mustChangePassword };
}
