import { z } from 'zod';

/** API tokens are long random strings, so a SHA-256 digest (hex) is enough to store them
 *  safely and lets a request's token be found by its hash. */
export const tokenHashSchema = z.string().regex(/^[a-f0-9]{64}$/, 'The token hash must be a hex SHA-256 digest');

export const apiTokenSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  name: z.string().trim().min(1, 'Name the token').max(100),
  tokenHash: tokenHashSchema,
  createdAt: z.date(),
  // Every token expires: the original Shipyard's never did.
  expiresAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  /** A read-only token is refused on every mutation (403). Rows before migration 3: full access. */
  readOnly: z.boolean().default(false),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const newApiTokenSchema = apiTokenSchema.pick({ accountId: true, name: true, tokenHash: true, expiresAt: true, readOnly: true });
export type NewApiToken = z.input<typeof newApiTokenSchema>;
