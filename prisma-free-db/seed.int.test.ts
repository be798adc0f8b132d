import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashTestPassword as hashPassword, verifyTestPassword as verifyPassword } from './testing/passwords';
import type { DatabaseHandle } from './connection';
import { countAccounts, createAccount, deleteAccount, findAccountByUsername, updatePassword } from './repositories/accounts';
import { listEvents } from './repositories/events';
import { DEFAULT_ADMIN, seedDefaultAdmin } from './seed';
import { META_KEYS, TABLES } from './tables';
import { openTestDatabase } from './testing/test-database';

beforeAll(() => {
  process.env.SHIPYARD_BCRYPT_COST = '4';
});

let db: DatabaseHandle;
let dispose: () => Promise<void>;

beforeEach(async () => {
  ({ db, dispose } = await openTestDatabase('seed'));
});
afterEach(async () => {
  await dispose();
});

const seed = () => seedDefaultAdmin(db, { hashPassword });

describe('seedDefaultAdmin', () => {
  it('creates admin / shipyard as an admin who must change the password', async () => {
    expect(await seed()).toEqual({ created: true });

    const admin = await findAccountByUsername(db, 'admin');
    expect(admin).not.toBeNull();
    expect(admin?.role).toBe('admin');
    expect(admin?.mustChangePassword).toBe(true);
    expect(admin?.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(await verifyPassword(DEFAULT_ADMIN.password, admin?.passwordHash ?? '')).toBe(true);
    expect(await verifyPassword('wrong', admin?.passwordHash ?? '')).toBe(false);
    expect(await db.run(db.table(TABLES.meta).get(META_KEYS.seedMarker))).toMatchObject({ kind: 'seed', outcome: 'created' });
    expect((await listEvents(db))[0]).toMatchObject({ action: 'account.seed', target: 'admin', actor: null });
  });

  it('creates one admin when run twice', async () => {
    expect(await seed()).toEqual({ created: true });
    expect(await seed()).toEqual({ created: false });
    expect(await countAccounts(db)).toBe(1);
  });

  it('lets exactly one of three concurrent seeds create the admin', async () => {
    const results = await Promise.all([seed(), seed(), seed()]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await countAccounts(db)).toBe(1);
  });

  it('changes nothing once the admin password was changed', async () => {
    await seed();
    const admin = await findAccountByUsername(db, 'admin');
    if (!admin) throw new Error('no admin after seeding');
    await updatePassword(db, admin.id, await hashPassword('a new long password'), { mustChangePassword: false });

    expect(await seed()).toEqual({ created: false });
    const after = await findAccountByUsername(db, 'admin');
    expect(await verifyPassword('a new long password', after?.passwordHash ?? '')).toBe(true);
    expect(await verifyPassword(DEFAULT_ADMIN.password, after?.passwordHash ?? '')).toBe(false);
    expect(after?.mustChangePassword).toBe(false);
  });

  it('does not bring admin back after it was deleted, even with no accounts left', async () => {
    await seed();
    const admin = await findAccountByUsername(db, 'admin');
    if (!admin) throw new Error('no admin after seeding');
    await deleteAccount(db, admin.id);
    expect(await countAccounts(db)).toBe(0);

    expect(await seed()).toEqual({ created: false });
    expect(await countAccounts(db)).toBe(0);
    expect(await findAccountByUsername(db, 'admin')).toBeNull();
  });

  it('creates no admin where accounts already exist, and none later when they are gone', async () => {
    const alice = await createAccount(db, { username: 'alice', passwordHash: await hashPassword('alice password'), role: 'admin', mustChangePassword: false });

    expect(await seed()).toEqual({ created: false });
    expect(await db.run(db.table(TABLES.meta).get(META_KEYS.seedMarker))).toMatchObject({ outcome: 'accounts-existed' });

    await deleteAccount(db, alice.id);
    expect(await seed()).toEqual({ created: false });
    expect(await countAccounts(db)).toBe(0);
  });
});
