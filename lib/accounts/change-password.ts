import { recordAudit } from '@/lib/audit/record-audit';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/session-user';
import { NotFoundError, ValidationError } from '@/lib/errors/app-error';
import { findAccountById, updatePassword, type DatabaseHandle } from '@/prisma-free-db';
import type { ChangePasswordInput } from './account-schema';
import { localPasswordHash } from './directory-account';
import { assertPasswordNotUsername } from './password-policy';

/** Changes the caller's own password after checking the current one; audited either way. */
export async function changeOwnPassword(database: DatabaseHandle, user: SessionUser, input: ChangePasswordInput, address: string): Promise<void> {
  const account = await findAccountById(database, user.id);
  if (!account) throw new NotFoundError('Your account no longer exists');
  if (!(await verifyPassword(input.currentPassword, localPasswordHash(account)))) {
    await recordAudit(database, { actor: user.username, action: 'account.password.change', target: user.username, outcome: 'failure', address });
    throw new ValidationError('The current password is wrong', [{ path: 'currentPassword', message: 'The current password is wrong' }]);
  }
  try {
    assertPasswordNotUsername(input.newPassword, account.username, 'newPassword');
  } catch (error) {
    await recordAudit(database, { actor: user.username, action: 'account.password.change', target: user.username, outcome: 'failure', address, details: { reason: 'contains the username' } });
    throw error;
  }
  await updatePassword(database, account.id, await hashPassword(input.newPassword), { mustChangePassword: false });
  await recordAudit(database, { actor: user.username, action: 'account.password.change', target: user.username, outcome: 'success', address });
}
