import bcrypt from 'bcryptjs';

/** bcrypt cost: 12 in production (about 0.25 s a hash here); tests may lower it. */
function cost(): number {
  const fromEnv = Number(process.env.SHIPYARD_BCRYPT_COST);
  return Number.isInteger(fromEnv) && fromEnv >= 4 && fromEnv <= 15 ? fromEnv : 12;
}

export const MIN_PASSWORD_LENGTH = 8;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost());
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
