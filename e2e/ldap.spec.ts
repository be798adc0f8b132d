import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from './support/admin';
import type { ConsoleProcess } from './support/console-process';
import { signInAt, startOwnConsole } from './support/own-console';

// Directory users of the test directory (scripts/ldap; its settings are in the stack's env, so the
// console under test has LDAP sign-in on). Their names (dir-*) are no local test account's.
test.describe.configure({ mode: 'serial' });

function directoryPassword(user: 'OSCAR' | 'NOGROUP'): string {
  const password = process.env[`LDAP_TEST_PASSWORD_${user}`];
  if (!password) throw new Error(`LDAP_TEST_PASSWORD_${user} is missing: source the stack's env (scripts/stack up starts the test directory)`);
  return password;
}

test('a directory user signs in through the form and sees what their role allows', async ({ page }) => {
  await signInAt(page, '', 'dir-oscar', 'not-the-directory-password');
  await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password.');

  await signInAt(page, '', 'dir-oscar', directoryPassword('OSCAR'));
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText('dir-oscar');
  await expect(page.getByTestId('health-ldap')).toContainText('up');
  // ops maps to operator + images:write: the cluster's pages, not the accounts.
  await expect(page.getByRole('link', { name: 'Containers' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Images' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Accounts' })).toHaveCount(0);
  const me = await (await page.request.get('/api/v1/me')).json();
  expect(me.user).toMatchObject({ username: 'dir-oscar', role: 'operator', grants: ['images:write'], source: 'ldap', mustChangePassword: false });
  await page.goto('/accounts');
  await expect(page.getByRole('heading', { name: '403: not allowed' })).toBeVisible();
  // No password here to change: the directory keeps it.
  await page.goto('/account/password');
  await expect(page.getByTestId('directory-password-notice')).toContainText('change your password there');
  await expect(page.getByLabel('Current password')).toHaveCount(0);
});

test('a directory user in no mapped group is refused with the reason', async ({ page }) => {
  await signInAt(page, '', 'dir-nogroup', directoryPassword('NOGROUP'));
  await expect(page.getByTestId('login-error')).toContainText('Your directory account is in no group this console maps to a role');
  await expect(page).toHaveURL(/\/login/);
});

test('the accounts page shows the LDAP source; the directory account has no password reset', async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Accounts' }).click();
  const oscar = page.getByTestId('account-dir-oscar');
  await expect(oscar.getByTestId('account-source')).toHaveText('LDAP directory');
  await expect(oscar.getByTestId('account-role')).toHaveText('operator');
  await expect(oscar.getByTestId('account-grants')).toHaveText('images read-write');
  await expect(page.getByTestId('account-admin').getByTestId('account-source')).toHaveText('local');
  await expect(page.getByTestId('account-dir-nogroup')).toHaveCount(0);
  await oscar.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByTestId('directory-account-hint')).toContainText('signs in through the LDAP directory');
  await expect(page.getByLabel('New password for dir-oscar')).toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/ldap.png', fullPage: true });

  // Leave the shared console as it was: the row goes (it would come back at dir-oscar's next sign-in).
  page.once('dialog', (dialog) => void dialog.accept());
  await oscar.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('account-dir-oscar')).toHaveCount(0);
});

test.describe('with the directory down', () => {
  let shipyard: ConsoleProcess;
  test.beforeAll(async () => {
    // A port where nothing listens: the directory does not answer.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const port = address !== null && typeof address === 'object' ? address.port : 1;
    shipyard = await startOwnConsole('ldap_down', { SHIPYARD_LDAP_URL: `ldap://127.0.0.1:${port}` });
  });
  test.afterAll(async () => {
    await shipyard.stop();
  });

  test('a directory user gets a clear message, the local admin still signs in, and health says why', async ({ page, request }) => {
    expect(shipyard.output()).toMatch(/shipyard: ldap DOWN at ldap:\/\/127\.0\.0\.1:\d+: the LDAP directory does not answer: check SHIPYARD_LDAP_URL/);
    await signInAt(page, shipyard.url, 'dir-oscar', directoryPassword('OSCAR'));
    await expect(page.getByTestId('login-error')).toContainText('The LDAP directory cannot be reached or refused the console, so directory accounts cannot sign in now; local accounts still can.');

    await signInAsAdmin(page, shipyard.url);
    await expect(page.getByTestId('current-user')).toContainText('admin');
    await expect(page.getByTestId('health-ldap')).toContainText('down');
    await expect(page.getByTestId('health-ldap')).toContainText('check SHIPYARD_LDAP_URL');

    const health = await request.get(`${shipyard.url}/api/health`);
    expect(health.status()).toBe(200);
    const body = await health.json();
    expect(body.status).toBe('ok');
    expect(body.directory).toMatchObject({ up: false, message: expect.stringContaining('check SHIPYARD_LDAP_URL') });
    expect(JSON.stringify(body)).not.toContain(process.env.SHIPYARD_LDAP_BIND_PASSWORD ?? 'no password set');
  });
});
