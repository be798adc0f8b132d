import bcrypt from 'bcryptjs';

// Tests hash as the console does (bcrypt), at the lowest cost: the data layer stores the hash it
// is given and needs nothing from lib/auth.
const TEST_COST = 4;

export function hashTestPassword(password: string): Promise<string> {
  return bcrypt.hash(password, TEST_COST);
}

export function verifyTestPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
