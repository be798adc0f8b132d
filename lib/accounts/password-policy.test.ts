import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors/app-error';
import { assertPasswordNotUsername, newPasswordSchema, passwordContainsUsername } from './password-policy';

describe('the password policy', () => {
  it('wants 8 to 256 characters and not the published default', () => {
    expect(newPasswordSchema.safeParse('short').success).toBe(false);
    expect(newPasswordSchema.safeParse('ShipYard').success).toBe(false);
    expect(newPasswordSchema.safeParse('x'.repeat(257)).success).toBe(false);
    expect(newPasswordSchema.safeParse('long enough').success).toBe(true);
  });

  it('refuses a password that contains the username, in any case', () => {
    expect(passwordContainsUsername('Alice2024!', 'alice')).toBe(true);
    expect(passwordContainsUsername('correct horse', 'alice')).toBe(false);
    expect(() => assertPasswordNotUsername('my-ALICE-pw', 'alice', 'newPassword')).toThrow(ValidationError);
    expect(() => assertPasswordNotUsername('something else', 'alice', 'newPassword')).not.toThrow();
  });
});
