import { expect, test } from '@playwright/test';
import type { ConsoleProcess } from './support/console-process';
import { signInAt, startOwnConsole } from './support/own-console';
import { changePasswordOnFirstSignIn, signInAsAdmin } from './support/admin';

// One story on a console of its own: accounts, then tokens, then the audit log they leave.
test.describe.configure({ mode: 'serial' });

let shipyard: ConsoleProcess;
test.beforeAll(async () => {
  shipyard = await startOwnConsole('accounts');
});
test.afterAll(async () => {
  await shipyard.stop();
});

test('an admin manages accounts on the accounts page; the last admin stays an admin', async ({ page }) => {
  const base = shipyard.url;
  await signInAsAdmin(page, base);
  await page.getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();

  await page.getByLabel('Username').fill('otto');
  await page.getByLabel('Initial password').fill('otto-password-1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('accounts-error')).toContainText('The password must not contain the username');

  await page.getByLabel('Initial password').fill('a-good-start-77');
  await page.getByLabel('Role', { exact: true }).selectOption('viewer');
  await page.getByLabel('Grant on containers').selectOption('write');
  await page.getByRole('button', { name: 'Create account' }).click();
  const otto = page.getByTestId('account-otto');
  await expect(otto.getByTestId('account-grants')).toHaveText('containers read-write');
  await expect(otto).toContainText('must change password');

  // The only admin: demoting or disabling yourself is refused with the API's reason.
  await page.getByTestId('account-admin').getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Role of admin').selectOption('viewer');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('accounts-error')).toHaveText('admin is the last enabled admin and cannot be demoted: make another account an admin first');
  await expect(page.getByTestId('account-admin').getByTestId('account-role')).toHaveText('admin');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('account-admin').getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByTestId('accounts-error')).toContainText('You cannot disable your own account');

  await otto.getByRole('button', { name: 'Disable' }).click();
  await expect(otto).toContainText('disabled');
});

test('a disabled account cannot sign in; enabled again, it can; a reset password must be changed', async ({ page, browser }) => {
  const base = shipyard.url;
  await signInAt(page, base, 'otto', 'a-good-start-77');
  await expect(page.getByTestId('login-error')).toHaveText('This account is disabled: ask an administrator to enable it.');

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin, base);
  await admin.goto(`${base}/accounts`);
  await admin.getByTestId('account-otto').getByRole('button', { name: 'Enable' }).click();
  await expect(admin.getByTestId('account-otto')).toContainText('must change password');

  await signInAt(page, base, 'otto', 'a-good-start-77');
  await changePasswordOnFirstSignIn(page, 'a-good-start-77', 'a-better-start-78');
  // The viewer with a containers:write grant sees no accounts link, and the page is refused.
  await expect(page.getByRole('link', { name: 'Accounts' })).toHaveCount(0);
  expect((await page.request.get(`${base}/api/v1/accounts`)).status()).toBe(403);

  await admin.getByTestId('account-otto').getByRole('button', { name: 'Edit' }).click();
  await admin.getByLabel('New password for otto').fill('reset-by-admin-5');
  await admin.getByRole('button', { name: 'Reset password' }).click();
  await expect(admin.getByTestId('accounts-notice')).toHaveText('Password of otto reset');
  // otto's session ended with the reset; the new password works and must be changed.
  expect((await page.request.get(`${base}/api/v1/me`)).status()).toBe(401);
  await signInAt(page, base, 'otto', 'reset-by-admin-5');
  // A reset password is changed before anything else: every page sends to the password page, the API refuses.
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByTestId('default-password-banner')).toBeVisible();
  const beforeChange = await page.request.get(`${base}/api/v1/containers`);
  expect(beforeChange.status()).toBe(403);
  expect((await beforeChange.json()).error.message).toContain('Change your password first');
  // The console remembers a session's user for a few seconds (lib/auth/caller-cache.ts), and
  // forgets it at once when the account changes: disabled, the next request is refused.
  expect((await page.request.get(`${base}/api/v1/me`)).status()).toBe(200);
  expect((await page.request.get(`${base}/api/v1/me`)).status()).toBe(200);
  await admin.reload();
  await admin.getByTestId('account-otto').getByRole('button', { name: 'Disable' }).click();
  await expect(admin.getByTestId('account-otto')).toContainText('disabled');
  expect((await page.request.get(`${base}/api/v1/me`)).status()).toBe(401);
  await admin.getByTestId('account-otto').getByRole('button', { name: 'Enable' }).click();
  await expect(admin.getByTestId('account-otto')).not.toContainText('disabled');
  await adminContext.close();
});

test("grants decide what an account may change; an admin sees and revokes anyone's token", async ({ page, browser }) => {
  const base = shipyard.url;
  await signInAsAdmin(page, base);
  await page.goto(`${base}/accounts`);
  await page.getByLabel('Username').fill('gina');
  await page.getByLabel('Initial password').fill('start-pass-4242');
  await page.getByLabel('Role', { exact: true }).selectOption('viewer');
  await page.getByRole('button', { name: 'Create account' }).click();
  const gina = page.getByTestId('account-gina');
  await expect(gina.getByTestId('account-grants')).toHaveText('—');

  await gina.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('images access of gina').selectOption('write');
  await page.getByLabel('events access of gina').selectOption('read');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('accounts-notice')).toHaveText('gina is now viewer with images:write, events:read');
  await expect(gina.getByTestId('account-grants')).toHaveText('events read, images read-write');

  // gina, in a browser of her own: Images lets her pull, Containers stays read-only.
  const ginaContext = await browser.newContext();
  const ginaPage = await ginaContext.newPage();
  await signInAt(ginaPage, base, 'gina', 'start-pass-4242');
  await changePasswordOnFirstSignIn(ginaPage, 'start-pass-4242', 'fresh-pass-4343');
  await ginaPage.goto(`${base}/images`);
  await expect(ginaPage.getByRole('button', { name: 'Pull' })).toBeVisible();
  await ginaPage.goto(`${base}/containers`);
  await expect(ginaPage.getByRole('heading', { name: 'Containers' })).toBeVisible();
  await expect(ginaPage.getByRole('link', { name: 'Create container' })).toHaveCount(0);
  expect((await ginaPage.request.post(`${base}/api/v1/containers`, { data: {} })).status()).toBe(403);
  // Past the permission check: an empty pull is a form mistake (422), not a refusal.
  expect((await ginaPage.request.post(`${base}/api/v1/images/pull`, { data: {} })).status()).toBe(422);

  // The grant taken away: the API refuses at once, and the page no longer offers the pull.
  await gina.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('images access of gina').selectOption('none');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(gina.getByTestId('account-grants')).toHaveText('events read');
  const refused = await ginaPage.request.post(`${base}/api/v1/images/pull`, { data: {} });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toContain('images:write');
  await ginaPage.goto(`${base}/images`);
  await expect(ginaPage.getByRole('heading', { name: 'Images' })).toBeVisible();
  await expect(ginaPage.getByRole('button', { name: 'Pull' })).toHaveCount(0);

  // gina's token is listed for the admin (never its secret) and revoked from there.
  const created = await ginaPage.request.post(`${base}/api/v1/tokens`, { data: { name: 'gina-script', expiresInDays: 3 } });
  expect(created.status()).toBe(201);
  const { secret } = (await created.json()) as { secret: string };
  const api = await browser.newContext(); // no cookies: the token alone
  expect((await api.request.get(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(200);
  await page.reload();
  const row = page.getByTestId('any-token-gina-gina-script');
  await expect(row).toContainText("full (the owner's role)");
  await expect(row.getByTestId('token-status')).toHaveText('active');
  expect(await page.content()).not.toContain(secret);
  page.once('dialog', (dialog) => void dialog.accept()); // revoking asks first
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('all-tokens-notice')).toHaveText("Revoked gina's token gina-script: it is refused from now on");
  await expect(row.getByTestId('token-status')).toHaveText('revoked');
  const afterRevoke = await api.request.get(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
  expect(afterRevoke.status()).toBe(401);
  // Only admins see everyone's tokens.
  expect((await ginaPage.request.get(`${base}/api/v1/admin/tokens`)).status()).toBe(403);
  await api.close();
  await ginaContext.close();
});

test('API tokens: shown once, read-only refused on changes, last use shown, revoked at once', async ({ page, playwright }) => {
  const base = shipyard.url;
  await signInAsAdmin(page, base);
  await page.getByRole('link', { name: 'API tokens' }).click();
  const tooLong = await page.request.post(`${base}/api/v1/tokens`, { data: { name: 'forever', expiresInDays: 400 } });
  expect(tooLong.status()).toBe(422);
  expect((await tooLong.json()).error.message).toContain('A token lives at most 365 days');
  const noExpiry = await page.request.post(`${base}/api/v1/tokens`, { data: { name: 'forever' } });
  expect((await noExpiry.json()).error.fields[0]).toMatchObject({ path: 'expiresInDays' });

  await page.getByLabel('Name').fill('reporting');
  await page.getByLabel(/Expires in/).fill('7');
  await page.getByLabel(/Read-only/).check();
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token-secret').textContent()) ?? '';
  expect(secret).toMatch(/^shy_/);
  await expect(page.getByTestId('token-reporting')).toContainText('read-only');
  await expect(page.getByTestId('token-reporting').getByTestId('token-last-used')).toHaveText('never');

  const api = await playwright.request.newContext(); // no cookies: the token alone
  const me = await api.get(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).user).toMatchObject({ username: 'admin', role: 'admin' });
  const shipyardStyle = await api.get(`${base}/api/v1/accounts`, { headers: { 'x-access-token': `admin:${secret}` } });
  expect(shipyardStyle.status()).toBe(200);
  const write = await api.post(`${base}/api/v1/accounts`, {
    headers: { authorization: `Bearer ${secret}` },
    data: { username: 'by-token', password: 'by-token-pass-1x', role: 'viewer' },
  });
  expect(write.status()).toBe(403);
  expect((await write.json()).error.message).toContain('read-only');

  await page.reload();
  await expect(page.getByTestId('token-reporting').getByTestId('token-last-used')).not.toHaveText('never');
  expect(await page.content()).not.toContain(secret);
  const listed = await page.request.get(`${base}/api/v1/tokens`);
  expect(JSON.stringify(await listed.json())).not.toContain(secret);

  page.once('dialog', (dialog) => void dialog.accept()); // revoking asks first
  await page.getByTestId('token-reporting').getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('token-reporting').getByTestId('token-status')).toHaveText('revoked');
  const afterRevoke = await api.get(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
  expect(afterRevoke.status()).toBe(401);
  expect((await afterRevoke.json()).error.message).toMatch(/The API token "reporting" was revoked on/);
  await api.dispose();
});

test('the events page lists, filters, updates live and exports what happened', async ({ page, browser }) => {
  const base = shipyard.url;
  await signInAsAdmin(page, base);
  await page.getByRole('link', { name: 'Events' }).click();
  await expect(page.getByTestId('live-status')).toHaveText('Live: new events appear as they happen');
  const rows = page.getByTestId('event-row');
  await expect(rows.filter({ hasText: 'account.create' }).filter({ hasText: 'otto' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'auth.login' }).filter({ hasText: 'failure' }).first()).toBeVisible();

  await page.goto(`${base}/events?action=token.&outcome=success`);
  // reporting (admin's) and gina-script (gina's, revoked by the admin).
  await expect(rows.filter({ hasText: 'token.create' })).toHaveCount(2);
  await expect(rows.filter({ hasText: 'token.revoke' })).toHaveCount(2);
  await expect(rows.filter({ hasText: 'token.revoke' }).filter({ hasText: 'gina-script' })).toContainText('owner');
  await expect(rows.filter({ hasText: 'auth.login' })).toHaveCount(0);

  // A change made elsewhere appears here without a reload.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInAsAdmin(otherPage, base);
  const created = await otherPage.request.post(`${base}/api/v1/tokens`, { data: { name: 'live-one', expiresInDays: 1 } });
  expect(created.status()).toBe(201);
  await expect(rows.filter({ hasText: 'live-one' })).toHaveCount(1);
  await other.close();

  const csv = await page.request.get(`${base}/api/v1/events?format=csv&action=account.`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toBe('time,actor,action,target,outcome,address,details');
  expect(lines.some((line) => line.includes(',admin,account.create,otto,success,'))).toBe(true);
  const json = await page.request.get(`${base}/api/v1/events?export=1&actor=otto&outcome=failure`);
  expect(json.headers()['content-disposition']).toContain('attachment');
  const body = await json.json();
  expect(body.events.length).toBeGreaterThan(0);
  expect(body.events.every((event: { actor: string; outcome: string }) => event.actor === 'otto' && event.outcome === 'failure')).toBe(true);
  expect((await page.request.get(`${base}/api/v1/events?outcome=maybe`)).status()).toBe(422);

  await page.getByLabel('Keep events for (days)').fill('30');
  await page.getByRole('button', { name: 'Save retention' }).click();
  await expect(page.getByTestId('retention-message')).toContainText('Saved: events are kept 30 days');
  await expect(page.getByTestId('retention-days')).toContainText('kept 30 days (set by admin)');
});
