import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@/errors/app-error';
import type { DatabaseHandle } from '../connection';
import { INDEXES, TABLES } from '../tables';
import {
  accountNameSchema,
  accountSchema,
  newAccountSchema,
  publicAccountSchema,
  roleSchema,
  grantsSchema,
  passwordHashSchema,
  type Account,
  type NewAccount,
  type PublicAccount,
  type Role,
} from '../schemas/account';
import { parseInput, parseRow, parseRows } from '../validate';
import { accountChanged } from '../account-changes';
import { changedDocument, insertUnique } from '../writes';

/** The key of a username's claim in account_names, and of the accounts username index. */
export function usernameKey(username: string): string {
  return username.toLowerCase();
}

/** Never hand an Account to the API: this drops the hash and anything else not public. */
export function toPublicAccount(account: Account): PublicAccount {
  return publicAccountSchema.parse(account);
}

export async function countAccounts(db: DatabaseHandle): Promise<number> {
  return db.run(db.table(TABLES.accounts).count());
}

export async function findAccountById(db: DatabaseHandle, id: string): Promise<Account | null> {
  const row = await db.run(db.table(TABLES.accounts).get(id));
  return row === null ? null : parseRow(accountSchema, row, TABLES.accounts);
}

/** Case-insensitive: "Admin" finds admin. */
export async function findAccountByUsername(db: DatabaseHandle, username: string): Promise<Account | null> {
  const rows = await db.run(
    db.table(TABLES.accounts).getAll(usernameKey(username), { index: INDEXES.accountsByUsername }).limit(1),
  );
  return rows.length === 0 ? null : parseRow(accountSchema, rows[0], TABLES.accounts);
}

/** Every account, by username regardless of case. */
export async function listAccounts(db: DatabaseHandle): Promise<Account[]> {
  const rows = await db.run(db.table(TABLES.accounts).orderBy({ index: INDEXES.accountsByUsername }));
  return parseRows(accountSchema, rows, TABLES.accounts);
}

/**
 * Claims the username in account_names first (its primary key is the lowercased name, so
 * the insert fails if anyone holds it, even in a race), then writes the account. If the
 * account cannot be written the claim is released, so the name is not lost.
 */
export async function createAccount(db: DatabaseHandle, input: NewAccount): Promise<Account> {
  const fields = parseInput(newAccountSchema, input, 'account');
  const now = new Date();
  const account = parseInput(
    accountSchema,
    { ...fields, id: randomUUID(), createdAt: now, updatedAt: now, passwordChangedAt: null },
    'account',
  );
  return insertAccount(db, account, now);
}

/**
 * The local row of a directory user, made at their first sign-in: no password (the directory
 * checks it), never a password change, and the role and grants their groups map to.
 */
export async function createDirectoryAccount(db: DatabaseHandle, input: { username: string; role: Role; grants: string[] }): Promise<Account> {
  const now = new Date();
  const account = parseInput(
    accountSchema,
    {
      id: randomUUID(),
      username: input.username,
      passwordHash: null,
      source: 'ldap',
      role: input.role,
      grants: [...new Set(input.grants)].sort(),
      mustChangePassword: false,
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: null,
    },
    'directory account',
  );
  return insertAccount(db, account, now);
}

async function insertAccount(db: DatabaseHandle, account: Account, now: Date): Promise<Account> {
  const claim = parseInput(accountNameSchema, { name: usernameKey(account.username), accountId: account.id, claimedAt: now }, 'username claim');

  if (!(await insertUnique(db, TABLES.accountNames, claim))) {
    throw new ConflictError(`The username ${account.username} is taken`);
  }
  try {
    if (!(await insertUnique(db, TABLES.accounts, account))) {
      throw new ConflictError(`An account with the id ${account.id} already exists`);
    }
  } catch (error) {
    await db.run(db.table(TABLES.accountNames).get(claim.name).delete()).catch(() => {
      // The original error matters more; a stale claim only blocks that one name.
    });
    throw error;
  }
  return account;
}

async function updateAccount(db: DatabaseHandle, id: string, patch: Partial<Account>): Promise<Account> {
  let result;
  try {
    result = await db.run(db.table(TABLES.accounts).get(id).update(patch, { returnChanges: true }));
  } finally {
    accountChanged(id); // even when the answer was lost: the write may have happened
  }
  const updated = changedDocument(db, result);
  if (updated === null) {
    if (result.unchanged > 0) {
      const current = await findAccountById(db, id);
      if (current) return current;
    }
    throw new NotFoundError(`No account has the id ${id}`);
  }
  return parseRow(accountSchema, updated, TABLES.accounts);
}

/** Stores a new hash; passwordChangedAt lets sessions that began earlier be refused. */
export async function updatePassword(
  db: DatabaseHandle,
  id: string,
  passwordHash: string,
  options: { mustChangePassword: boolean } = { mustChangePassword: false },
): Promise<Account> {
  const now = new Date();
  return updateAccount(db, id, {
    passwordHash: parseInput(passwordHashSchema, passwordHash, 'password hash'),
    mustChangePassword: options.mustChangePassword,
    passwordChangedAt: now,
    updatedAt: now,
  });
}

/**
 * Ends every session of the account that began before `at` (sign-out): a copied session cookie
 * stops working. The caller cache of this process forgets the account at once (accountChanged).
 */
export async function endAccountSessions(db: DatabaseHandle, id: string, at: Date = new Date()): Promise<Account> {
  return updateAccount(db, id, { sessionsEndedAt: at });
}

export async function updateRole(db: DatabaseHandle, id: string, role: Role): Promise<Account> {
  return updateAccount(db, id, { role: parseInput(roleSchema, role, 'role'), updatedAt: new Date() });
}

/** What an admin may change on an account besides its password. */
export interface AccountChanges {
  role?: Role;
  grants?: string[];
  disabled?: boolean;
}

/** Applies role, grants and disabled in one write; the fields left out stay as they are. */
export async function updateAccountSettings(db: DatabaseHandle, id: string, changes: AccountChanges): Promise<Account> {
  const patch: Partial<Account> = { updatedAt: new Date() };
  if (changes.role !== undefined) patch.role = parseInput(roleSchema, changes.role, 'role');
  if (changes.grants !== undefined) patch.grants = parseInput(grantsSchema, [...new Set(changes.grants)].sort(), 'grants');
  if (changes.disabled !== undefined) patch.disabled = changes.disabled;
  return updateAccount(db, id, patch);
}

/** Accounts with the admin role that are not disabled: those who can still manage accounts. */
export async function countActiveAdmins(db: DatabaseHandle): Promise<number> {
  // The table is small (people, not machines); reading it whole avoids relying on a role index.
  return (await listAccounts(db)).filter((account) => account.role === 'admin' && !account.disabled).length;
}

/** Deletes the account, then frees its username. Returns the deleted account. */
export async function deleteAccount(db: DatabaseHandle, id: string): Promise<Account> {
  const account = await findAccountById(db, id);
  if (!account) throw new NotFoundError(`No account has the id ${id}`);
  // Account first: if freeing the name then fails, the name stays blocked, never doubled.
  try {
    await db.run(db.table(TABLES.accounts).get(id).delete());
  } finally {
    accountChanged(id);
  }
  await db.run(db.table(TABLES.accountNames).get(usernameKey(account.username)).delete());
  return account;
}
