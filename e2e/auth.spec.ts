import { expect, test } from '@playwright/test';
import { realEngineVersion } from './support/engine';
import { changePasswordOnFirstSignIn, NEW_ADMIN_PASSWORD, SEEDED_ADMIN_PASSWORD } from './support/admin';
import { signIn, signInAndExpectDashboard } from './support/sign-in';

// One story on one fresh database: the seeded admin's first sign-in changes its password. Specs run
// one at a time in file order, and this one must come before any spec that signs the shared
// console's admin in (signInAsAdmin changes the seeded password): later files, or a console of their own.
test.describe.configure({ mode: 'serial' });


test('a visitor without a session is sent to the login page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('the API answers 401 JSON without a session', async ({ request }) => {
  const me = await request.get('/api/v1/me');
  expect(me.status()).toBe(401);
  expect((await me.json()).error.code).toBe('UNAUTHORIZED');
  const create = await request.post('/api/v1/accounts', { data: { username: 'x', password: 'y', role: 'admin' } });
  expect(create.status()).toBe(401);
  const unknown = await request.get('/api/v1/no-such-thing');
  expect(unknown.status()).toBe(401);
});

test('/api/health is public and reports each service', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe('ok');
  for (const name of ['docker', 'etcd', 'database']) {
    expect(body.services[name]).toMatchObject({ up: true, latencyMs: expect.any(Number) });
  }
});

test('a wrong password is refused with a message', async ({ page }) => {
  await signIn(page, 'admin', 'not-the-password');
  await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password.');
  await expect(page).toHaveURL(/\/login/);
});

test('the sixth failed attempt in a minute is refused with a wait message', async ({ page }) => {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await signIn(page, 'rate-probe', `wrong-${attempt}`);
    await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password.');
  }
  await signIn(page, 'rate-probe', 'wrong-6');
  await expect(page.getByTestId('login-error')).toContainText('Too many failed sign-in attempts');
});

test('admin / shipyard signs in and must change the password before anything else', async ({ page }) => {
  await signIn(page, 'admin', SEEDED_ADMIN_PASSWORD);
  // Every page sends to the password page, and the API answers only who you are and the change.
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByTestId('default-password-banner')).toBeVisible();
  await page.goto('/containers');
  await expect(page).toHaveURL(/\/account\/password$/);
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(200);
  expect((await me.json()).user).toMatchObject({ username: 'admin', mustChangePassword: true });
  const refused = await page.request.get('/api/v1/dashboard');
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toMatch(/^Change your password first/);

  await page.getByLabel('Current password').fill('wrong-current');
  await page.getByLabel('New password', { exact: true }).fill(NEW_ADMIN_PASSWORD);
  await page.getByLabel('Repeat the new password').fill(NEW_ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('The current password is wrong').first()).toBeVisible();

  await page.getByLabel('Current password').fill(SEEDED_ADMIN_PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill(SEEDED_ADMIN_PASSWORD);
  await page.getByLabel('Repeat the new password').fill(SEEDED_ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('That is the published default password').first()).toBeVisible();

  await changePasswordOnFirstSignIn(page, SEEDED_ADMIN_PASSWORD, NEW_ADMIN_PASSWORD);
  await expect(page.getByTestId('default-password-banner')).toHaveCount(0);
  expect((await page.request.get('/api/v1/dashboard')).status()).toBe(200);
});

test('the changed password signs in and the dashboard shows the real engine; the seeded one no longer works', async ({ page }) => {
  await signIn(page, 'admin', SEEDED_ADMIN_PASSWORD);
  await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password.');
  await signInAndExpectDashboard(page, 'admin', NEW_ADMIN_PASSWORD);
  await expect(page.getByTestId('engine-version')).toHaveText(await realEngineVersion());
  await expect(page.getByTestId('swarm-state')).toHaveText('active');
  await expect(page.getByTestId('swarm-nodes')).toContainText('1 node');
  await expect(page.getByTestId('health-etcd')).toContainText('up');
  await expect(page.getByTestId('health-database')).toContainText('up');
  await page.screenshot({ path: 'docs/screenshots/dashboard.png', fullPage: true });
});

test('an admin creates a viewer; bad fields get 422 with their messages; no hash is returned', async ({ page }) => {
  await signInAndExpectDashboard(page, 'admin', NEW_ADMIN_PASSWORD);
  const bad = await page.request.post('/api/v1/accounts', { data: { username: 'a', password: 'short', role: 'root' } });
  expect(bad.status()).toBe(422);
  const badBody = await bad.json();
  expect(badBody.error.fields.map((field: { path: string }) => field.path).sort()).toEqual(['password', 'role', 'username']);
  const notJson = await page.request.post('/api/v1/accounts', { headers: { 'content-type': 'application/json' }, data: Buffer.from('{oops') });
  expect(notJson.status()).toBe(400);

  const created = await page.request.post('/api/v1/accounts', { data: { username: 'vera', password: 'viewer-password-1', role: 'viewer' } });
  expect(created.status()).toBe(201);
  const body = await created.json();
  expect(body.account).toMatchObject({ username: 'vera', role: 'viewer', mustChangePassword: true });
  expect(JSON.stringify(body)).not.toMatch(/passwordHash|\$2[aby]\$/);

  const duplicate = await page.request.post('/api/v1/accounts', { data: { username: 'VERA', password: 'viewer-password-1', role: 'viewer' } });
  expect(duplicate.status()).toBe(409);
});

test('a viewer changes the initial password, then reads but gets 403 on a mutation', async ({ page }) => {
  await signIn(page, 'vera', 'viewer-password-1');
  await changePasswordOnFirstSignIn(page, 'viewer-password-1', 'viewer-password-2');
  const me = await page.request.get('/api/v1/me');
  expect((await me.json()).user).toMatchObject({ username: 'vera', role: 'viewer', mustChangePassword: false });
  const dashboard = await page.request.get('/api/v1/dashboard');
  expect(dashboard.status()).toBe(200);
  const create = await page.request.post('/api/v1/accounts', { data: { username: 'mallory', password: 'mallory-password', role: 'admin' } });
  expect(create.status()).toBe(403);
  expect((await create.json()).error.message).toMatch(/needs the accounts:write permission/);
  expect((await page.request.get('/api/v1/accounts')).status()).toBe(403);
});

test('a cross-site POST with a session is refused', async ({ page }) => {
  await signInAndExpectDashboard(page, 'admin', NEW_ADMIN_PASSWORD);
  const response = await page.request.post('/api/v1/accounts', {
    headers: { origin: 'http://evil.example' },
    data: { username: 'csrf-victim', password: 'whatever-password', role: 'admin' },
  });
  expect(response.status()).toBe(403);
});
