import bcrypt from 'bcryptjs';

/** bcrypt cost: 12 in production (about 0.25 s a hash here); tests may lower it. */
function cost(): number {
  const fromEnv = Number(process.env.SHIPYARD_BCRYPT_COST);
  return Number.isInteger(fromEnv) && fromEnv >= 4 && fromEnv <= 15 ? fromEnv : 12;
}

export const MIN_PASSWORD_LENGTH = 8;

/**
 * bcrypt reads only the first 72 bytes of a password and ignores the rest without a word, so a
 * longer password would be accepted with any tail. Longer ones are refused instead (UTF-8 bytes:
 * an accented letter counts two, most emoji four).
 */
export const MAX_PASSWORD_BYTES = 72;

export const PASSWORD_TOO_LONG = `Use at most ${MAX_PASSWORD_BYTES} bytes (UTF-8): longer passwords cannot be stored whole`;

export function passwordBytes(password: string): number {
  return Buffer.byteLength(password, 'utf8');
}

export class PasswordTooLongError extends Error {
  constructor() {
    super(PASSWORD_TOO_LONG);
  }
}

/** Refuses (never truncates) a password bcrypt would cut: the policy says so first with a 422. */
export function hashPassword(password: string): Promise<string> {
  if (passwordBytes(password) > MAX_PASSWORD_BYTES) return Promise.reject(new PasswordTooLongError());
  return bcrypt.hash(password, cost());
}

/**
 * Whether `password` is the one `hash` was made from. A password over 72 bytes never matches:
 * none can have been stored, and bcrypt would compare only its first 72 bytes. It is still
 * compared, so that the answer takes the usual time.
 */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const matches = await bcrypt.compare(password, hash);
  return matches && passwordBytes(password) <= MAX_PASSWORD_BYTES;
}
