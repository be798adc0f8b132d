import { NotFoundError } from '@/lib/errors/app-error';
import { findAccountById, listAccounts, toPublicAccount, type DatabaseHandle, type PublicAccount } from '@/prisma-free-db';

/** Every account as the console shows it (never a password hash). */
export async function listPublicAccounts(database: DatabaseHandle): Promise<PublicAccount[]> {
  return (await listAccounts(database)).map(toPublicAccount);
}

/** One account as the console shows it, or a NotFoundError. */
export async function readPublicAccount(database: DatabaseHandle, id: string): Promise<PublicAccount> {
  const account = await findAccountById(database, id);
  if (!account) throw new NotFoundError(`No account has the id ${id}`);
  return toPublicAccount(account);
}
