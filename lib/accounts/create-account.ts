import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import { hashPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/session-user';
import { createAccount, toPublicAccount, type DatabaseHandle, type PublicAccount } from '@/prisma-free-db';
import { ROLES } from '@/prisma-free-db/schemas/account';
import { newPasswordSchema } from './password-policy';

export const createAccountSchema = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9._-]{3,64}$/, 'Use 3 to 64 letters, digits, dots, dashes or underscores'),
  password: newPasswordSchema,
  role: z.enum(ROLES, { message: `Choose one of: ${ROLES.join(', ')}` }),
});

export type CreateAccountInput = z.infer<typeof createAccountSchema>;

/** An admin creates an account; the new user must change the password on first use. */
export async function createAccountAsAdmin(database: DatabaseHandle, actor: SessionUser, input: CreateAccountInput, address: string): Promise<PublicAccount> {
  const account = await createAccount(database, {
    username: input.username,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    mustChangePassword: true,
  });
  await recordAudit(database, {
    actor: actor.username,
    action: 'account.create',
    target: account.username,
    outcome: 'success',
    address,
    details: { role: account.role },
  });
  return toPublicAccount(account);
}
