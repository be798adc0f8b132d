import { AppError } from '@/lib/errors/app-error';
import type { Account } from '@/prisma-free-db';

/** A password change or reset asked for an account whose password the directory keeps. */
export class DirectoryPasswordError extends AppError {
  constructor(username: string) {
    super('CONFLICT', `${username} signs in through the LDAP directory: its password is changed there, not in this console`);
  }
}

/** The account's password hash, or DirectoryPasswordError for a directory account (which has none here). */
export function localPasswordHash(account: Account): string {
  if (account.source === 'ldap' || account.passwordHash === null) throw new DirectoryPasswordError(account.username);
  return account.passwordHash;
}
