import { describe, expect, it } from 'vitest';
import { newPasswordSchema } from '@/lib/accounts/password-policy';
import { hashPassword, MAX_PASSWORD_BYTES, PasswordTooLongError, verifyPassword } from './password';

process.env.SHIPYARD_BCRYPT_COST = '4';

describe('passwords longer than bcrypt reads (72 bytes)', () => {
  const whole = 'correct horse battery staple '.repeat(3).slice(0, MAX_PASSWORD_BYTES);
  const longer = `${whole}-and-a-tail-bcrypt-never-sees`;

  it('are not interchangeable with a password equal in their first 72 bytes', async () => {
    expect(Buffer.byteLength(whole)).toBe(72);
    const hash = await hashPassword(whole);
    expect(await verifyPassword(whole, hash)).toBe(true);
    expect(await verifyPassword(longer, hash)).toBe(false);
    expect(await verifyPassword(`${whole}x`, hash)).toBe(false);
  });

  it('are refused when set, counted in UTF-8 bytes, with a message that says so', async () => {
    await expect(hashPassword(longer)).rejects.toBeInstanceOf(PasswordTooLongError);
    const refused = newPasswordSchema.safeParse(longer);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('Use at most 72 bytes (UTF-8): longer passwords cannot be stored whole');
    // 37 characters, 74 bytes: too long although far under 256 characters.
    expect(newPasswordSchema.safeParse('é'.repeat(37)).success).toBe(false);
    expect(newPasswordSchema.safeParse('é'.repeat(36)).success).toBe(true);
  });
});
