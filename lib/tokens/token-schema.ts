// What a caller may ask of an API token: create one (name, lifetime, read-only).
import { z } from 'zod';

export const MAX_TOKEN_DAYS = 365;

export const createTokenSchema = z.strictObject({
  name: z.string({ message: 'Name the token' }).trim().min(1, 'Name the token').max(100, 'Use at most 100 characters'),
  // Every token expires: the original Shipyard's never did.
  expiresInDays: z
    .number({ message: `Give expiresInDays, a whole number from 1 to ${MAX_TOKEN_DAYS}` })
    .int(`Give expiresInDays, a whole number from 1 to ${MAX_TOKEN_DAYS}`)
    .min(1, 'A token lives at least 1 day')
    .max(MAX_TOKEN_DAYS, `A token lives at most ${MAX_TOKEN_DAYS} days`),
  readOnly: z.boolean({ message: 'readOnly is true or false' }).default(false),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

/** DELETE /tokens/{id}: revoke (no query), or ?purge=true to delete a revoked or expired token. */
export const tokenDeleteQuerySchema = z.strictObject({
  purge: z.enum(['true', 'false'], { message: 'purge is true or false' }).optional().transform((value) => value === 'true'),
});
