import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';

/** What a new password must be: long enough, and not the published default. */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, 'Use at most 256 characters')
  .refine((value) => value.toLowerCase() !== 'shipyard', 'That is the published default password: choose another');
