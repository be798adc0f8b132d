import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { startTestRegistry, type TestRegistry } from '../tests/support/test-registry';
import { ensureAccount, signInAsAdmin } from './support/admin';
import { signInAndExpectDashboard } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const unique = randomBytes(4).toString('hex');
let registry: TestRegistry;
let remote: string;

function docker(...args: string[]): void {
  try {
    execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { stdio: 'pipe' });
  } catch {
    // cleanup: already gone
  }
}

test.beforeAll(async () => {
  registry = await startTestRegistry();
  remote = await registry.pushFresh(image, `shipyard-e2e/img-${unique}`, 'v1');
});

test.afterAll(async () => {
  if (remote) docker('rmi', remote);
  await registry?.stop();
});

test('an admin pulls an image from a registry through the form, with progress per layer, and sees it listed', async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Images' }).click();
  await expect(page.getByRole('heading', { name: 'Images' })).toBeVisible();
  await expect(page.getByTestId('image-row').filter({ hasText: remote })).toHaveCount(0);

  await page.getByLabel('Image', { exact: true }).fill(remote);
  await page.getByRole('button', { name: 'Pull' }).click();
  await expect(page.getByTestId('pull-status')).toHaveText(/Pulled .* onto /);
  // Every layer ends at 100 %: the fresh one downloaded, the base one already there.
  const bars = page.getByRole('progressbar');
  expect(await bars.count()).toBeGreaterThan(0);
  for (const bar of await bars.all()) await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByTestId('pull-layer').filter({ hasText: 'Pull complete' })).not.toHaveCount(0);

  const row = page.getByTestId('image-row').filter({ hasText: remote });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('none'); // no container uses it yet

  // A name the registry does not have: the error in words.
  await page.getByLabel('Image', { exact: true }).fill(`${registry.address}/shipyard-e2e/absent-${unique}`);
  await page.getByRole('button', { name: 'Pull' }).click();
  await expect(page.getByTestId('pull-error')).toContainText('was not found on');
});

test('an admin pulls from a registry that needs a login: refused without or with wrong credentials, pulled with the right ones', async ({ page }) => {
  const credentials = { username: `robot-${unique}`, password: `pw-${randomBytes(6).toString('hex')}` };
  const privateRegistry = await startTestRegistry(credentials);
  let privateRemote = '';
  try {
    privateRemote = await privateRegistry.pushFresh(image, `shipyard-e2e/private-${unique}`, 'v1');
    await signInAsAdmin(page);
    await page.goto('/images');
    await expect(page.getByLabel('Password')).toHaveAttribute('type', 'password');
    await expect(page.getByLabel('Password')).toHaveAttribute('autocomplete', 'off');
    await expect(page.getByLabel('Username')).toHaveAttribute('autocomplete', 'off');

    await page.getByLabel('Image', { exact: true }).fill(privateRemote);
    await page.getByRole('button', { name: 'Pull' }).click();
    await expect(page.getByTestId('pull-error')).toContainText(`The registry ${privateRegistry.address} needs credentials`);

    await page.getByLabel('Username').fill(credentials.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Pull' }).click();
    await expect(page.getByTestId('pull-error')).toContainText(`The registry ${privateRegistry.address} refused the credentials: check the username and password`);

    // The API answers the refusal before any stream: a 400, and it never echoes the password.
    const refused = await page.request.post('/api/v1/images/pull', { data: { image: privateRemote, username: credentials.username, password: 'not-the-password' } });
    expect(refused.status()).toBe(400);
    expect(await refused.text()).not.toContain('not-the-password');
    const half = await page.request.post('/api/v1/images/pull', { data: { image: privateRemote, username: credentials.username } });
    expect(half.status()).toBe(422);

    await page.getByLabel('Password').fill(credentials.password);
    await page.getByRole('button', { name: 'Pull' }).click();
    await expect(page.getByTestId('pull-status')).toHaveText(/Pulled .* onto /);
    await expect(page.getByTestId('image-row').filter({ hasText: privateRemote })).toHaveCount(1);
  } finally {
    if (privateRemote) docker('rmi', privateRemote);
    await privateRegistry.stop();
  }
});

test('a viewer sees the images without a pull form or remove buttons, and the API answers 403', async ({ page }) => {
  await signInAsAdmin(page);
  await ensureAccount(page, 'iris', 'viewer-password-3', 'viewer');
  await page.context().clearCookies();
  await signInAndExpectDashboard(page, 'iris', 'viewer-password-3');
  await page.goto('/images');
  await expect(page.getByTestId('image-row').filter({ hasText: remote })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Remove' })).toHaveCount(0);
  await expect(page.getByTestId('pull-form')).toHaveCount(0);
  const response = await page.request.delete(`/api/v1/images/${encodeURIComponent(remote)}`);
  expect(response.status()).toBe(403);
});

test('removing an image in use names the container; the admin removes the unused image', async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept()); // removing asks first
  await signInAsAdmin(page);
  const name = `syi-e2e-${unique}`;
  docker('create', '--name', name, '--label', 'io.shipyard.test=images-e2e', remote, 'true');
  try {
    await page.goto('/images');
    const row = page.getByTestId('image-row').filter({ hasText: remote });
    await expect(row).toContainText(`${name} (created)`);
    await row.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.getByTestId('image-error')).toContainText(`used by 1 container: ${name} (created)`);
  } finally {
    docker('rm', '-f', name);
  }
  await page.reload();
  await page.getByTestId('image-row').filter({ hasText: remote }).getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByTestId('image-row').filter({ hasText: remote })).toHaveCount(0);
});
