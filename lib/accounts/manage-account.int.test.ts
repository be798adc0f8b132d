import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session-user';
import { verifyPassword } from '@/lib/auth/password';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors/app-error';
import { openTestDatabase } from '@/prisma-free-db/testing/test-database';
import { countActiveAdmins, createAccount, findAccountById, searchEvents, type Account, type DatabaseHandle } from '@/prisma-free-db';
import { createAccountSchema, updateAccountSchema } from './account-schema';
import { createAccountAsAdmin } from './create-account';
import { LastAdminError } from './last-admin';
import { deleteAccountAsAdmin, resetPasswordAsAdmin, updateAccountAsAdmin } from './manage-account';

process.env.SHIPYARD_BCRYPT_COST = '4';
const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';

let db: DatabaseHandle;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ db, dispose } = await openTestDatabase('manage_accounts'));
});
afterAll(async () => {
  await dispose();
});

let counter = 0;
async function account(role: Account['role'], prefix = 'acct'): Promise<Account> {
  counter += 1;
  return createAccount(db, { username: `${prefix}-${counter}`, passwordHash: HASH, role, mustChangePassword: false });
}
const actorOf = (a: Account): SessionUser => ({ id: a.id, username: a.username, role: a.role, mustChangePassword: false });

describe('the last admin', () => {
  it('cannot be demoted, disabled or deleted; another admin can once a second one exists', async () => {
    // A database of its own, so "the last admin" is really the last.
    const isolated = await openTestDatabase('last_admin');
    try {
      const only = await createAccount(isolated.db, { username: 'only-admin', passwordHash: HASH, role: 'admin', mustChangePassword: false });
      const other = await createAccount(isolated.db, { username: 'other', passwordHash: HASH, role: 'operator', mustChangePassword: false });
      const actor = actorOf(other); // the rule holds whoever asks
      await expect(updateAccountAsAdmin(isolated.db, actor, only.id, { role: 'viewer' }, 'test')).rejects.toBeInstanceOf(LastAdminError);
      await expect(updateAccountAsAdmin(isolated.db, actor, only.id, { disabled: true }, 'test')).rejects.toThrow(
        'only-admin is the last enabled admin and cannot be disabled: make another account an admin first',
      );
      await expect(deleteAccountAsAdmin(isolated.db, actor, only.id, 'test')).rejects.toBeInstanceOf(ConflictError);
      expect((await findAccountById(isolated.db, only.id))?.role).toBe('admin');
      expect((await findAccountById(isolated.db, only.id))?.disabled).toBe(false);

      const failures = await searchEvents(isolated.db, { action: 'account.', outcome: 'failure' });
      expect(failures.map((event) => event.action).sort()).toEqual(['account.delete', 'account.update', 'account.update']);
      expect(failures[0]).toMatchObject({ actor: 'other', target: 'only-admin', address: 'test' });
      expect(String(failures[0]?.details.reason)).toContain('last enabled admin');

      await updateAccountAsAdmin(isolated.db, actorOf(only), other.id, { role: 'admin' }, 'test');
      await updateAccountAsAdmin(isolated.db, actorOf(other), only.id, { role: 'viewer' }, 'test');
      expect(await countActiveAdmins(isolated.db)).toBe(1);
    } finally {
      await isolated.dispose();
    }
  });

  it('survives two admins demoting each other at once: exactly one change wins', async () => {
    const isolated = await openTestDatabase('admin_race');
    try {
      const a = await createAccount(isolated.db, { username: 'admin-a', passwordHash: HASH, role: 'admin', mustChangePassword: false });
      const b = await createAccount(isolated.db, { username: 'admin-b', passwordHash: HASH, role: 'admin', mustChangePassword: false });
      const results = await Promise.allSettled([
        updateAccountAsAdmin(isolated.db, actorOf(a), b.id, { role: 'viewer' }, 'test'),
        updateAccountAsAdmin(isolated.db, actorOf(b), a.id, { disabled: true }, 'test'),
        deleteAccountAsAdmin(isolated.db, actorOf(a), b.id, 'test'),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(await countActiveAdmins(isolated.db)).toBe(1);
    } finally {
      await isolated.dispose();
    }
  });
});

describe('account changes', () => {
  it('disables and enables, changes role and grants, and audits each with the changes', async () => {
    const admin = await account('admin');
    const target = await account('viewer');
    const disabled = await updateAccountAsAdmin(db, actorOf(admin), target.id, { disabled: true }, '10.1.1.1');
    expect(disabled).toMatchObject({ disabled: true });
    expect(disabled).not.toHaveProperty('passwordHash');
    const changed = await updateAccountAsAdmin(db, actorOf(admin), target.id, { disabled: false, role: 'operator', grants: ['images:read', 'containers:write', 'images:read'] }, '10.1.1.1');
    expect(changed).toMatchObject({ disabled: false, role: 'operator', grants: ['containers:write', 'images:read'] });
    const [event] = await searchEvents(db, { action: 'account.update', actor: admin.username, limit: 1 });
    expect(event).toMatchObject({ target: target.username, outcome: 'success', address: '10.1.1.1', details: { role: 'operator', disabled: false, grants: 'images:read,containers:write,images:read' } });
  });

  it('refuses to let an admin disable or delete their own account, and answers 404 for an unknown id', async () => {
    const admin = await account('admin');
    await account('admin');
    await expect(updateAccountAsAdmin(db, actorOf(admin), admin.id, { disabled: true }, 'x')).rejects.toThrow('You cannot disable your own account');
    await expect(deleteAccountAsAdmin(db, actorOf(admin), admin.id, 'x')).rejects.toThrow('You cannot delete your own account');
    await expect(deleteAccountAsAdmin(db, actorOf(admin), '00000000-0000-4000-8000-000000000000', 'x')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletes an account and frees its name', async () => {
    const admin = await account('admin');
    const target = await account('viewer', 'gone');
    await deleteAccountAsAdmin(db, actorOf(admin), target.id, 'x');
    expect(await findAccountById(db, target.id)).toBeNull();
    const again = await createAccount(db, { username: target.username, passwordHash: HASH, role: 'viewer', mustChangePassword: false });
    expect(again.id).not.toBe(target.id);
  });

  it('resets a password: the new one works, must be changed, and ends older sessions', async () => {
    const admin = await account('admin');
    const target = await account('viewer', 'reset');
    await expect(resetPasswordAsAdmin(db, actorOf(admin), target.id, { password: `${target.username}-123` }, 'x')).rejects.toBeInstanceOf(ValidationError);
    const reset = await resetPasswordAsAdmin(db, actorOf(admin), target.id, { password: 'a-fresh-start-99' }, 'x');
    expect(reset.mustChangePassword).toBe(true);
    const stored = await findAccountById(db, target.id);
    expect(await verifyPassword('a-fresh-start-99', stored?.passwordHash ?? '')).toBe(true);
    expect(stored?.passwordChangedAt).toBeInstanceOf(Date);
    const [event] = await searchEvents(db, { action: 'account.password.reset', limit: 1 });
    expect(event).toMatchObject({ actor: admin.username, target: target.username, outcome: 'success' });
    expect(JSON.stringify(event)).not.toContain('a-fresh-start-99');
  });

  it('creates accounts with grants and audits a refused duplicate', async () => {
    const admin = await account('admin');
    const input = createAccountSchema.parse({ username: 'granted-1', password: 'long-enough-pw', role: 'viewer', grants: ['containers:write'] });
    expect((await createAccountAsAdmin(db, actorOf(admin), input, 'x')).grants).toEqual(['containers:write']);
    await expect(createAccountAsAdmin(db, actorOf(admin), input, 'x')).rejects.toBeInstanceOf(ConflictError);
    const [event] = await searchEvents(db, { action: 'account.create', outcome: 'failure', limit: 1 });
    expect(event).toMatchObject({ target: 'granted-1', details: { reason: 'The username granted-1 is taken' } });
  });
});

describe('input schemas', () => {
  it('refuses a password containing the username, unknown fields and empty changes', () => {
    const refused = createAccountSchema.safeParse({ username: 'carol', password: 'Carol-2024!', role: 'viewer' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['password'], message: 'The password must not contain the username' });
    expect(createAccountSchema.safeParse({ username: 'carol', password: 'x', role: 'viewer', grants: ['accounts:write'] }).success).toBe(false);
    expect(updateAccountSchema.safeParse({}).success).toBe(false);
    expect(updateAccountSchema.safeParse({ password: 'new-password' }).success).toBe(false);
    expect(updateAccountSchema.safeParse({ disabled: 'yes' }).success).toBe(false);
  });
});
