import { z } from 'zod';
import { hashPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/session-user';
import { audited } from '@/lib/audit/audited';
import { createAccount, toPublicAccount, type DatabaseHandle, type PublicAccount } from '@/prisma-free-db';
import { grantSchema, ROLES } from '@/prisma-free-db/schemas/account';
import { newPasswordSchema, PASSWORD_CONTAINS_USERNAME, passwordContainsUsername } from './password-policy';

export const createAccountSchema = z
  .object({
    username: z
      .string({ message: 'Give a username' })
      .trim()
      .regex(/^[a-zA-Z0-9._-]{3,64}$/, 'Use 3 to 64 letters, digits, dots, dashes or underscores'),
    password: newPasswordSchema,
    role: z.enum(ROLES, { message: `Choose one of: ${ROLES.join(', ')}` }),
    /** Extra per-area permissions, e.g. a viewer who may also change containers. */
    grants: z.array(grantSchema).max(12, 'At most 12 grants').default([]),
  })
  .refine((input) => typeof input.password !== 'string' || typeof input.username !== 'string' || !passwordContainsUsername(input.password, input.username), {
    path: ['password'],
    message: PASSWORD_CONTAINS_USERNAME,
  });

export type CreateAccountInput = z.infer<typeof createAccountSchema>;

/** An admin creates an account; the new user must change the password on first use. */
export async function createAccountAsAdmin(database: DatabaseHandle, actor: SessionUser, input: CreateAccountInput, address: string): Promise<PublicAccount> {
  const details = { role: input.role, grants: input.grants.join(',') || '(none)' };
  return audited({ username: actor.username, address, database }, { action: 'account.create', target: input.username, details }, async () => {
    const account = await createAccount(database, {
      username: input.username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      grants: input.grants,
      mustChangePassword: true,
    });
    return toPublicAccount(account);
  });
}
