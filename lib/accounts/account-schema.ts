// What a caller may ask of an account: create, update (role, grants, disabled), reset a password,
// change one's own password.
import { z } from 'zod';
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
    grants: z.array(grantSchema).max(16, 'At most 16 grants').default([]),
    /** false: the password given is final (an account for a script or a test); by default it must be changed on first use. */
    mustChangePassword: z.boolean({ message: 'mustChangePassword is true or false' }).default(true),
  })
  .refine((input) => typeof input.password !== 'string' || typeof input.username !== 'string' || !passwordContainsUsername(input.password, input.username), {
    path: ['password'],
    message: PASSWORD_CONTAINS_USERNAME,
  });

export type CreateAccountInput = z.infer<typeof createAccountSchema>;

export const updateAccountSchema = z
  .strictObject(
    {
      role: z.enum(ROLES, { message: `Choose one of: ${ROLES.join(', ')}` }).optional(),
      grants: z.array(grantSchema).max(16, 'At most 16 grants').optional(),
      disabled: z.boolean({ message: 'disabled is true or false' }).optional(),
    },
    { message: 'Only role, grants and disabled can be changed here (a password: POST /api/v1/accounts/{id}/password)' },
  )
  .refine((input) => input.role !== undefined || input.grants !== undefined || input.disabled !== undefined, {
    message: 'Give at least one of role, grants, disabled',
  });
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;

export const resetPasswordSchema = z.strictObject({ password: newPasswordSchema });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password'),
    newPassword: newPasswordSchema,
  })
  .refine((input) => input.currentPassword !== input.newPassword, {
    path: ['newPassword'],
    message: 'The new password must differ from the current one',
  });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
