import { audited } from '@/lib/audit/audited';
import { hashPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError, NotFoundError } from '@/lib/errors/app-error';
import {
  deleteAccount,
  findAccountById,
  revokeApiTokensOfAccount,
  toPublicAccount,
  updateAccountSettings,
  updatePassword,
  type Account,
  type DatabaseHandle,
  type PublicAccount,
} from '@/prisma-free-db';
import type { ResetPasswordInput, UpdateAccountInput } from './account-schema';
import { isActiveAdmin, keepingAnAdmin } from './last-admin';
import { localPasswordHash } from './directory-account';
import { assertPasswordNotUsername } from './password-policy';

class SelfLockoutError extends AppError {
  constructor(what: string) {
    super('CONFLICT', `You cannot ${what} your own account: ask another admin`);
  }
}

async function accountOrThrow(database: DatabaseHandle, id: string): Promise<Account> {
  const account = await findAccountById(database, id);
  if (!account) throw new NotFoundError(`No account has the id ${id}`);
  return account;
}

/** A short, flat description of a change for the audit log. */
function describeChanges(input: UpdateAccountInput): Record<string, string | boolean> {
  const details: Record<string, string | boolean> = {};
  if (input.role !== undefined) details.role = input.role;
  if (input.grants !== undefined) details.grants = input.grants.join(',') || '(none)';
  if (input.disabled !== undefined) details.disabled = input.disabled;
  return details;
}

/** An admin changes another account's role, grants, or enabled state; the last admin stays one. */
export async function updateAccountAsAdmin(
  database: DatabaseHandle,
  actor: SessionUser,
  id: string,
  input: UpdateAccountInput,
  address: string,
): Promise<PublicAccount> {
  const known = await findAccountById(database, id);
  return audited(
    { username: actor.username, address, database },
    { action: 'account.update', target: known?.username ?? id, details: describeChanges(input) },
    async () => {
      const account = known ?? (await accountOrThrow(database, id));
      if (input.disabled === true && account.id === actor.id) throw new SelfLockoutError('disable');
      const after = { role: input.role ?? account.role, disabled: input.disabled ?? account.disabled };
      const write = () => updateAccountSettings(database, id, input);
      if (isActiveAdmin(account) && !isActiveAdmin(after)) {
        const what = after.disabled ? 'disabled' : 'demoted';
        const updated = await keepingAnAdmin(database, account, what, write, () =>
          updateAccountSettings(database, id, { role: account.role, disabled: account.disabled }),
        );
        return toPublicAccount(updated);
      }
      return toPublicAccount(await write());
    },
  );
}

/** An admin deletes another account; its API tokens are revoked; the last admin stays. */
export async function deleteAccountAsAdmin(database: DatabaseHandle, actor: SessionUser, id: string, address: string): Promise<void> {
  const known = await findAccountById(database, id);
  await audited({ username: actor.username, address, database }, { action: 'account.delete', target: known?.username ?? id }, async () => {
    const account = known ?? (await accountOrThrow(database, id));
    if (account.id === actor.id) throw new SelfLockoutError('delete');
    if (isActiveAdmin(account)) {
      // Disabled first, under the last-admin check; deleted once another admin is sure to remain.
      await keepingAnAdmin(
        database,
        account,
        'deleted',
        () => updateAccountSettings(database, id, { disabled: true }),
        () => updateAccountSettings(database, id, { disabled: false }),
      );
    }
    await revokeApiTokensOfAccount(database, account.id);
    await deleteAccount(database, account.id);
  });
}

/**
 * An admin sets a new password for an account: its sessions end (passwordChangedAt) and its
 * user must choose their own password at the next sign-in.
 */
export async function resetPasswordAsAdmin(
  database: DatabaseHandle,
  actor: SessionUser,
  id: string,
  input: ResetPasswordInput,
  address: string,
): Promise<PublicAccount> {
  const known = await findAccountById(database, id);
  return audited({ username: actor.username, address, database }, { action: 'account.password.reset', target: known?.username ?? id }, async () => {
    const account = known ?? (await accountOrThrow(database, id));
    localPasswordHash(account); // a directory account's password is the directory's
    assertPasswordNotUsername(input.password, account.username, 'password');
    const updated = await updatePassword(database, account.id, await hashPassword(input.password), { mustChangePassword: true });
    return toPublicAccount(updated);
  });
}
