import { hashPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/session-user';
import { audited } from '@/lib/audit/audited';
import { createAccount, toPublicAccount, type DatabaseHandle, type PublicAccount } from '@/prisma-free-db';
import type { CreateAccountInput } from './account-schema';

/** An admin creates an account; the new user must change the password on first use unless the admin says it is final. */
export async function createAccountAsAdmin(database: DatabaseHandle, actor: SessionUser, input: CreateAccountInput, address: string): Promise<PublicAccount> {
  const details = { role: input.role, grants: input.grants.join(',') || '(none)', mustChangePassword: input.mustChangePassword };
  return audited({ username: actor.username, address, database }, { action: 'account.create', target: input.username, details }, async () => {
    const account = await createAccount(database, {
      username: input.username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      grants: input.grants,
      mustChangePassword: input.mustChangePassword,
    });
    return toPublicAccount(account);
  });
}
