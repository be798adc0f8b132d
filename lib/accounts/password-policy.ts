import { z } from 'zod';
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH, PASSWORD_TOO_LONG, passwordBytes } from '@/lib/auth/password';
import { ValidationError } from '@/lib/errors/app-error';

/** What a new password must be: long enough, short enough for bcrypt to read whole, and not the published default. */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, 'Use at most 256 characters')
  .refine((value) => passwordBytes(value) <= MAX_PASSWORD_BYTES, PASSWORD_TOO_LONG)
  .refine((value) => value.toLowerCase() !== 'shipyard', 'That is the published default password: choose another');

export const PASSWORD_CONTAINS_USERNAME = 'The password must not contain the username';

/** The first thing guessed for an account is its own name, in any case and with any suffix. */
export function passwordContainsUsername(password: string, username: string): boolean {
  return username.trim() !== '' && password.toLowerCase().includes(username.trim().toLowerCase());
}

/** Throws a 422 on `field` when the password contains the username. */
export function assertPasswordNotUsername(password: string, username: string, field: string): void {
  if (passwordContainsUsername(password, username)) {
    throw new ValidationError(`${field}: ${PASSWORD_CONTAINS_USERNAME}`, [{ path: field, message: PASSWORD_CONTAINS_USERNAME }]);
  }
}
