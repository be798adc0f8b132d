import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeOwnPassword } from '@/lib/accounts/change-password';
import { DirectoryPasswordError } from '@/lib/accounts/directory-account';
import { resetPasswordAsAdmin } from '@/lib/accounts/manage-account';
import { testDirectory } from '@/lib/ldap/testing/test-directory';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createAccount, findAccountByUsername, searchEvents, updateAccountSettings, type DatabaseHandle } from '@/prisma-free-db';
import { openTestDatabase } from '@/prisma-free-db/testing/test-database';
import { accountUser } from './account-user';
import { AccountDisabled, credentialsAuthorizer, DirectoryUnavailable, NoDirectoryRole, TooManyLoginAttempts } from './authorize-credentials';
import { createDatabaseLoginRateLimiter } from './login-rate-limit';
import { hashPassword } from './password';

process.env.SHIPYARD_BCRYPT_COST = '4';

const { settings, passwords } = testDirectory();
let database: DatabaseHandle;
let dispose: () => Promise<void>;
let downPort = 0;

beforeAll(async () => {
  ({ db: database, dispose } = await openTestDatabase('ldap_sign_in'));
  await createAccount(database, { username: 'breakglass', passwordHash: await hashPassword('local-admin-pass-1'), role: 'admin', mustChangePassword: false });
  // A local account with a directory user's name: the local one wins (docs/ldap.md).
  await createAccount(database, { username: 'dir-vera', passwordHash: await hashPassword('local-vera-pass-1'), role: 'viewer', mustChangePassword: false });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  downPort = address !== null && typeof address === 'object' ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await dispose();
});

function authorizer(ldap = settings) {
  return credentialsAuthorizer({ database: async () => database, limiter: createDatabaseLoginRateLimiter(async () => database, { maxFailures: 5, windowMs: 60_000 }), ldap: () => ldap });
}
const form = (address: string) => new Request('http://console.test/api/auth/callback/credentials', { method: 'POST', headers: { [CLIENT_ADDRESS_HEADER]: address } });

describe('signing in with the directory', () => {
  it('keeps a local row for a directory user: source ldap, no password, the role of their groups', async () => {
    const signedIn = await authorizer()({ username: 'dir-ada', password: passwords.ada }, form('203.0.113.80'));
    const account = await findAccountByUsername(database, 'dir-ada');
    expect(signedIn).toEqual({ id: account?.id, name: 'dir-ada' });
    expect(account).toMatchObject({ source: 'ldap', passwordHash: null, role: 'admin', grants: [], mustChangePassword: false });
    const events = await searchEvents(database, { action: 'auth.login', actor: 'dir-ada', limit: 10 });
    expect(events[0]).toMatchObject({ outcome: 'success', details: { source: 'ldap', role: 'admin' } });
  });

  it('maps the role again at every sign-in, and an admin may still disable the account', async () => {
    expect(await authorizer()({ username: 'dir-oscar', password: passwords.oscar }, form('203.0.113.81'))).toMatchObject({ name: 'dir-oscar' });
    const oscar = await findAccountByUsername(database, 'dir-oscar');
    expect(oscar).toMatchObject({ role: 'operator', grants: ['images:write'] });
    if (!oscar) return;
    await updateAccountSettings(database, oscar.id, { role: 'viewer', grants: [] });
    expect(await authorizer()({ username: 'dir-oscar', password: passwords.oscar }, form('203.0.113.81'))).toMatchObject({ id: oscar.id });
    expect(await findAccountByUsername(database, 'dir-oscar')).toMatchObject({ role: 'operator', grants: ['images:write'] });

    await updateAccountSettings(database, oscar.id, { disabled: true });
    await expect(authorizer()({ username: 'dir-oscar', password: passwords.oscar }, form('203.0.113.81'))).rejects.toBeInstanceOf(AccountDisabled);
    await updateAccountSettings(database, oscar.id, { disabled: false });
  });

  it('refuses a wrong password, an unknown user and an injected filter', async () => {
    expect(await authorizer()({ username: 'dir-ada', password: 'not-her-password' }, form('203.0.113.82'))).toBeNull();
    expect(await authorizer()({ username: 'dir-nobody', password: passwords.ada }, form('203.0.113.82'))).toBeNull();
    expect(await authorizer()({ username: '*)(uid=*', password: passwords.ada }, form('203.0.113.82'))).toBeNull();
    expect(await authorizer()({ username: '*', password: passwords.ada }, form('203.0.113.82'))).toBeNull();
    expect(await findAccountByUsername(database, 'dir-nobody')).toBeNull();
  });

  it('refuses an empty password before the directory is asked', async () => {
    expect(await authorizer()({ username: 'dir-ada', password: '' }, form('203.0.113.83'))).toBeNull();
  });

  it('refuses a user in no mapped group with its own message, and keeps no row', async () => {
    await expect(authorizer()({ username: 'dir-nogroup', password: passwords.nogroup }, form('203.0.113.84'))).rejects.toBeInstanceOf(NoDirectoryRole);
    expect(await findAccountByUsername(database, 'dir-nogroup')).toBeNull();
    const events = await searchEvents(database, { action: 'auth.login', actor: 'dir-nogroup', limit: 10 });
    expect(events[0]).toMatchObject({ outcome: 'failure', details: { reason: 'no mapped group' } });
  });

  it('lets a local account of the same name win: its password, not the directory', async () => {
    expect(await authorizer()({ username: 'dir-vera', password: 'local-vera-pass-1' }, form('203.0.113.85'))).toMatchObject({ name: 'dir-vera' });
    expect(await authorizer()({ username: 'dir-vera', password: passwords.vera }, form('203.0.113.85'))).toBeNull();
    expect(await findAccountByUsername(database, 'dir-vera')).toMatchObject({ source: 'local' });
  });

  it('says the directory is unavailable when it is down or refuses the service, and local accounts still sign in', async () => {
    const down = authorizer({ ...settings, url: `ldap://127.0.0.1:${downPort}` });
    await expect(down({ username: 'dir-ada', password: passwords.ada }, form('203.0.113.86'))).rejects.toBeInstanceOf(DirectoryUnavailable);
    expect(await down({ username: 'breakglass', password: 'local-admin-pass-1' }, form('203.0.113.86'))).toMatchObject({ name: 'breakglass' });
    const refused = authorizer({ ...settings, bindPassword: 'wrong-service-password' });
    await expect(refused({ username: 'dir-ada', password: passwords.ada }, form('203.0.113.86'))).rejects.toBeInstanceOf(DirectoryUnavailable);
    expect(await refused({ username: 'breakglass', password: 'local-admin-pass-1' }, form('203.0.113.86'))).toMatchObject({ name: 'breakglass' });
  });

  it('refuses a directory account while LDAP sign-in is off', async () => {
    const off = credentialsAuthorizer({ database: async () => database, limiter: createDatabaseLoginRateLimiter(async () => database, { maxFailures: 5, windowMs: 60_000 }) });
    expect(await off({ username: 'dir-ada', password: passwords.ada }, form('203.0.113.87'))).toBeNull();
  });

  it('counts directory sign-ins against the login rate limit', async () => {
    const signIn = authorizer();
    for (let guess = 0; guess < 5; guess += 1) expect(await signIn({ username: 'dir-ada', password: `guess-${guess}` }, form('203.0.113.88'))).toBeNull();
    await expect(signIn({ username: 'dir-ada', password: passwords.ada }, form('203.0.113.88'))).rejects.toBeInstanceOf(TooManyLoginAttempts);
    expect(await signIn({ username: 'dir-ada', password: passwords.ada }, form('203.0.113.89'))).toMatchObject({ name: 'dir-ada' });
  });

  it('refuses a password change or reset for a directory account', async () => {
    const ada = await findAccountByUsername(database, 'dir-ada');
    const admin = await findAccountByUsername(database, 'breakglass');
    if (!ada || !admin) throw new Error('dir-ada was not kept');
    await expect(resetPasswordAsAdmin(database, accountUser(admin, { kind: 'session' }), ada.id, { password: 'a-new-password-99' }, '203.0.113.90')).rejects.toThrow(
      'dir-ada signs in through the LDAP directory: its password is changed there, not in this console',
    );
    expect(await findAccountByUsername(database, 'dir-ada')).toMatchObject({ passwordHash: null });
    await expect(changeOwnPassword(database, accountUser(ada, { kind: 'session' }), { currentPassword: 'x', newPassword: 'a-new-password-99' }, '203.0.113.90')).rejects.toBeInstanceOf(
      DirectoryPasswordError,
    );
  });
});
