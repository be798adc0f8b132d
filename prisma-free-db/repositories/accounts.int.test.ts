import { describe, expect, it } from 'vitest';
import { ConflictError, DatabaseUnavailableError, NotFoundError, ValidationError } from '@/errors/app-error';
import { hashTestPassword as hashPassword } from '../testing/passwords';
import type { DatabaseHandle } from '../connection';
import { onAccountChanged } from '../account-changes';
import { CorruptDocumentError } from '../errors';
import { TABLES } from '../tables';
import { useTestDatabase } from '../testing/use-test-database';
import {
  countAccounts,
  createAccount,
  deleteAccount,
  findAccountById,
  findAccountByUsername,
  listAccounts,
  toPublicAccount,
  updateAccountSettings,
  updatePassword,
  updateRole,
} from './accounts';

let db: DatabaseHandle;
let hash: string;

useTestDatabase('accounts', async (opened) => {
  process.env.SHIPYARD_BCRYPT_COST = '4';
  db = opened;
  hash = await hashPassword('a password');
});

const newAccount = (username: string) => ({ username, passwordHash: hash, role: 'viewer' as const, mustChangePassword: false });

describe('accounts', () => {
  it('creates an account and finds it by id and by username in any case', async () => {
    const created = await createAccount(db, newAccount('Carol'));
    expect(created).toMatchObject({ username: 'Carol', role: 'viewer', mustChangePassword: false, passwordChangedAt: null });
    expect(created.createdAt).toBeInstanceOf(Date);

    expect(await findAccountById(db, created.id)).toEqual(created);
    expect((await findAccountByUsername(db, 'carol'))?.id).toBe(created.id);
    expect((await findAccountByUsername(db, 'CAROL'))?.id).toBe(created.id);
    expect(await findAccountByUsername(db, 'nobody')).toBeNull();
    expect(await findAccountById(db, 'b5a9a1e4-0000-4000-8000-000000000000')).toBeNull();
  });

  it('refuses a username already taken in another case, and keeps one account', async () => {
    await createAccount(db, newAccount('dave'));
    const before = await countAccounts(db);
    const error = await createAccount(db, newAccount('DAVE')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe('The username DAVE is taken');
    expect(await countAccounts(db)).toBe(before);
  });

  it('lets only one of two simultaneous creates of a name win', async () => {
    const results = await Promise.allSettled([createAccount(db, newAccount('erin')), createAccount(db, newAccount('Erin'))]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConflictError);
  });

  it('refuses invalid input before writing anything', async () => {
    const before = await countAccounts(db);
    await expect(createAccount(db, newAccount('no spaces allowed'))).rejects.toBeInstanceOf(ValidationError);
    await expect(createAccount(db, { ...newAccount('frank'), passwordHash: 'plain text' })).rejects.toThrow(/bcrypt hash/);
    expect(await countAccounts(db)).toBe(before);
    expect(await findAccountByUsername(db, 'frank')).toBeNull();
  });

  it('releases the username claim when the account itself cannot be written', async () => {
    // A handle whose second query (the account insert, after the name claim) fails.
    let calls = 0;
    const failing: DatabaseHandle = {
      ...db,
      run: (query) => {
        calls += 1;
        return calls === 2 ? Promise.reject(new DatabaseUnavailableError('simulated outage')) : db.run(query);
      },
    };
    await expect(createAccount(failing, newAccount('grace'))).rejects.toThrow('simulated outage');
    expect(await db.run(db.table(TABLES.accountNames).get('grace'))).toBeNull();
    expect((await createAccount(db, newAccount('grace'))).username).toBe('grace');
  });

  it('changes the password, stamping the time and clearing the must-change flag', async () => {
    const created = await createAccount(db, { ...newAccount('heidi'), mustChangePassword: true });
    const newHash = await hashPassword('another password');
    const updated = await updatePassword(db, created.id, newHash, { mustChangePassword: false });
    expect(updated.passwordHash).toBe(newHash);
    expect(updated.mustChangePassword).toBe(false);
    expect(updated.passwordChangedAt).toBeInstanceOf(Date);
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    expect(await findAccountById(db, created.id)).toEqual(updated);
    await expect(updatePassword(db, 'b5a9a1e4-0000-4000-8000-000000000000', newHash)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('changes the role, refusing unknown roles', async () => {
    const created = await createAccount(db, newAccount('ivan'));
    expect((await updateRole(db, created.id, 'operator')).role).toBe('operator');
    // @ts-expect-error an unknown role, as an untyped caller could send it
    await expect(updateRole(db, created.id, 'root')).rejects.toBeInstanceOf(ValidationError);
    expect((await findAccountById(db, created.id))?.role).toBe('operator');
  });

  it('deletes an account and frees its name', async () => {
    const created = await createAccount(db, newAccount('Judy'));
    expect((await deleteAccount(db, created.id)).id).toBe(created.id);
    expect(await findAccountById(db, created.id)).toBeNull();
    const again = await createAccount(db, newAccount('judy'));
    expect(again.id).not.toBe(created.id);
    await expect(deleteAccount(db, created.id)).rejects.toThrow(`No account has the id ${created.id}`);
  });

  it('lists accounts by username regardless of case', async () => {
    const names = (await listAccounts(db)).map((account) => account.username.toLowerCase());
    expect(names.length).toBeGreaterThan(3);
    expect(names).toEqual([...names].sort());
  });

  it('never shows the hash through toPublicAccount', async () => {
    const account = await findAccountByUsername(db, 'carol');
    if (!account) throw new Error('carol is missing');
    const shown = toPublicAccount(account);
    expect(shown).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(shown)).not.toContain(account.passwordHash);
    expect(shown.username).toBe('Carol');
  });

  it('fails clearly on reading a row corrupted in the database', async () => {
    const created = await createAccount(db, newAccount('mallory'));
    await db.run(db.table(TABLES.accounts).get(created.id).update({ role: 'superuser', mustChangePassword: 'yes' }));

    const error = await findAccountById(db, created.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorruptDocumentError);
    expect((error as Error).message).toBe(
      `The accounts row "${created.id}" does not match its schema ` +
        '(role: The role must be one of: admin, operator, viewer; mustChangePassword: Invalid input: expected boolean, received string): ' +
        'fix or delete that row in the database',
    );
    await expect(findAccountByUsername(db, 'mallory')).rejects.toBeInstanceOf(CorruptDocumentError);
    await expect(listAccounts(db)).rejects.toBeInstanceOf(CorruptDocumentError);
    await db.run(db.table(TABLES.accounts).get(created.id).delete());
  });

  it('tells the account-change listeners about every write to an account (the caller cache empties on it)', async () => {
    const created = await createAccount(db, newAccount('Listened'));
    const changed: string[] = [];
    const stop = onAccountChanged((id) => changed.push(id));
    try {
      await updateAccountSettings(db, created.id, { disabled: true });
      await updateRole(db, created.id, 'operator');
      await updatePassword(db, created.id, hash);
      await deleteAccount(db, created.id);
      expect(changed).toEqual([created.id, created.id, created.id, created.id]);
    } finally {
      stop();
    }
    await createAccount(db, newAccount('Unheard')).then((other) => updateRole(db, other.id, 'operator'));
    expect(changed).toHaveLength(4);
  });
});
