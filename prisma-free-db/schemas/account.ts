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

/** Areas an account may be granted beyond its role, as Shipyard's per-area roles were. Never
 *  `accounts`: only the admin role manages accounts, so a grant cannot make an admin. */
export const GRANTABLE_AREAS = ['containers', 'images', 'networks', 'swarm', 'ipam', 'events', 'volumes', 'secrets', 'stacks'] as const;
export const grantSchema = z
  .string()
  .regex(
    new RegExp(`^(${GRANTABLE_AREAS.join('|')}):(read|write)$`),
    `A grant is area:read or area:write, the area one of: ${GRANTABLE_AREAS.join(', ')}`,
  );
export const grantsSchema = z.array(grantSchema).max(GRANTABLE_AREAS.length * 2);

/** Where an account signs in: its own password here, or the LDAP directory (docs/ldap.md). */
export const ACCOUNT_SOURCES = ['local', 'ldap'] as const;
export const accountSourceSchema = z.enum(ACCOUNT_SOURCES);
export type AccountSource = z.infer<typeof accountSourceSchema>;

export const accountSchema = z.object({
  id: z.uuid(),
  username: usernameSchema,
  /** null for a directory account: it has no password here, the directory checks it. */
  passwordHash: passwordHashSchema.nullable(),
  // Rows written before directory sign-in have none: they are local accounts.
  source: accountSourceSchema.default('local'),
  role: roleSchema,
  // Rows written before migration 3 have neither field: read them as enabled, without grants.
  /** Extra permissions on top of the role (e.g. a viewer with containers:write). */
  grants: grantsSchema.default([]),
  /** A disabled account cannot sign in; its sessions and API tokens stop working at once. */
  disabled: z.boolean().default(false),
  mustChangePassword: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  passwordChangedAt: z.date().nullable(),
  /** Sessions that began before this were ended (sign-out ends every session of the account); absent: none. */
  sessionsEndedAt: z.date().optional(),
});
export type Account = z.infer<typeof accountSchema>;

/** A local account: always with a password hash (directory accounts are made by createDirectoryAccount). */
export const newAccountSchema = accountSchema.pick({ username: true, role: true, mustChangePassword: true, grants: true }).extend({ passwordHash: passwordHashSchema });
export type NewAccount = z.input<typeof newAccountSchema>;

/** What the API may show: parsing through it drops the hash and anything not listed here. */
export const publicAccountSchema = accountSchema.omit({ passwordHash: true, sessionsEndedAt: true });
export type PublicAccount = z.infer<typeof publicAccountSchema>;

/** A row of account_names: its primary key is the lowercased username, which makes names unique. */
export const accountNameSchema = z.object({
  name: z.string().min(3).max(64).refine((name) => name === name.toLowerCase(), 'The claimed name must be lowercase'),
  accountId: z.uuid(),
  claimedAt: z.date(),
});
export type AccountName = z.infer<typeof accountNameSchema>;
