import { z } from 'zod';

export const ROLES = ['admin', 'operator', 'viewer'] as const;
export const roleSchema = z.enum(ROLES, { message: `The role must be one of: ${ROLES.join(', ')}` });
export type Role = z.infer<typeof roleSchema>;

export const usernameSchema = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{3,64}$/, 'A username has 3 to 64 letters, digits, dots, dashes or underscores');

/** Only bcrypt hashes are stored, so a plain password passed by mistake is refused. */
export const passwordHashSchema = z
  .string()
  .regex(/^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/, 'The password hash must be a bcrypt hash, never a plain password');

export const accountSchema = z.object({
  id: z.uuid(),
  username: usernameSchema,
  passwordHash: passwordHashSchema,
  role: roleSchema,
  mustChangePassword: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  passwordChangedAt: z.date().nullable(),
});
export type Account = z.infer<typeof accountSchema>;

export const newAccountSchema = accountSchema.pick({ username: true, passwordHash: true, role: true, mustChangePassword: true });
export type NewAccount = z.infer<typeof newAccountSchema>;

/** What the API may show: parsing through it drops the hash and anything not listed here. */
export const publicAccountSchema = accountSchema.omit({ passwordHash: true });
export type PublicAccount = z.infer<typeof publicAccountSchema>;

/** A row of account_names: its primary key is the lowercased username, which makes names unique. */
export const accountNameSchema = z.object({
  name: z.string().min(3).max(64).refine((name) => name === name.toLowerCase(), 'The claimed name must be lowercase'),
  accountId: z.uuid(),
  claimedAt: z.date(),
});
export type AccountName = z.infer<typeof accountNameSchema>;
