import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { startTestRegistry, type TestRegistry } from '../tests/support/test-registry';
import { signInAsAdmin } from './support/admin';

test.describe.configure({ mode: 'serial' });

const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const unique = randomBytes(4).toString('hex');
const credentials = { username: `e2e-robot-${unique}`, password: `e2e-s3cret-${randomBytes(8).toString('hex')}` };
const repository = `shipyard-e2e/hooked-${unique}`;
const service = `sye2e-hook-${unique}`;
const registryName = `e2e-registry-${unique}`;
let registry: TestRegistry;
let remote = '';

function docker(...args: string[]): string {
  try {
    return execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return ''; // cleanup: already gone
  }
}

test.beforeAll(async () => {
  // Ports 5031-5039 are this spec's (the integration test takes the first free one too).
  registry = await startTestRegistry(credentials, { ports: [5039, 5038, 5037, 5036, 5035, 5034, 5033, 5032, 5031] });
  remote = await registry.pushFresh(image, repository, 'v1');
});

test.afterAll(async () => {
  docker('service', 'rm', service);
  for (let attempt = 0; attempt < 40 && docker('ps', '-aq', '--filter', `label=com.docker.swarm.service.name=${service}`) !== ''; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const ids = docker('images', '-q', `${registry?.address}/${repository}`).split('\n').filter(Boolean);
  if (ids.length > 0) docker('image', 'rm', '-f', ...new Set(ids));
  await registry?.stop();
});

test('an admin saves a registry; a service pulls with it; its webhook redeploys the newest push and stops once revoked', async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept()); // revoking and deleting ask first
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Registries' }).click();
  await expect(page.getByRole('heading', { name: 'Registries' })).toBeVisible();
  await expect(page.getByTestId('registry-key-problem')).toHaveCount(0);
  const form = page.getByRole('form', { name: 'Save a registry' });
  await form.getByLabel('Name', { exact: true }).fill(registryName);
  await form.getByLabel('Address (host[:port], as images name it)').fill(registry.address);
  await form.getByLabel('Username', { exact: true }).fill(credentials.username);
  await form.getByLabel('Password or token').fill(credentials.password);
  await form.getByRole('button', { name: 'Save registry' }).click();
  const row = page.getByTestId(`registry-${registryName}`);
  await expect(row).toContainText(registry.address);
  await expect(row).toContainText(credentials.username);
  await expect(row.getByTestId('registry-last-used')).toHaveText('never');
  await expect(page.locator('body')).not.toContainText(credentials.password);

  // The API lists it without the password; the service is created with its id (the browser's own session).
  const created = await page.evaluate(
    async ({ name, reference }) => {
      const list = (await (await fetch('/api/v1/registries')).json()) as { registries: { id: string; address: string }[] };
      const body = JSON.stringify({ name, image: reference, command: ['sleep', '3600'], registryId: list.registries[0]?.id });
      const answer = await fetch('/api/v1/swarm/services', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: answer.status, listed: JSON.stringify(list) };
    },
    { name: service, reference: remote },
  );
  expect(created.status).toBe(201);
  expect(created.listed).not.toContain(credentials.password);
  await expect.poll(() => docker('service', 'ps', '--format', '{{.CurrentState}}', service), { timeout: 60_000 }).toMatch(/^Running/);

  await page.goto(`/swarm/services/${service}`);
  const hooks = page.getByTestId('service-webhooks');
  await hooks.getByLabel('Webhook name').fill('ci-main');
  await hooks.getByRole('button', { name: 'Create webhook' }).click();
  const url = (await hooks.getByTestId('new-webhook-url').textContent()) ?? '';
  expect(url).toMatch(/\/api\/v1\/hooks\/shyhook_[A-Za-z0-9_-]{43}$/);
  await expect(hooks.getByTestId('webhook-ci-main')).toContainText('active');

  // A new image under the same tag; the hook is called without any session, as CI would.
  await registry.pushFresh(image, repository, 'v1');
  const anonymous = await playwrightRequest.newContext();
  const called = await anonymous.post(url);
  expect(called.status()).toBe(200);
  const { redeployed } = (await called.json()) as { redeployed: { service: string; image: string; changed: boolean }[] };
  expect(redeployed).toEqual([{ service, image: expect.stringMatching(new RegExp(`^${remote.replace(/[.]/g, '\\.')}@sha256:[a-f0-9]{64}$`)), changed: true }]);
  expect(docker('service', 'inspect', '-f', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', service)).toBe(redeployed[0]?.image);
  const again = await anonymous.post(url);
  expect(again.status()).toBe(429);
  expect(Number(again.headers()['retry-after'])).toBeGreaterThan(0);

  await page.reload();
  await expect(hooks.getByTestId('webhook-outcome')).toHaveText(`redeployed ${service}`);
  // The page names the tag (as `docker service ls` does); the pinned digest was read from the spec above.
  await expect(page.getByTestId('service-configuration')).toContainText(remote);
  await page.screenshot({ path: 'docs/screenshots/registries-webhooks.png', fullPage: true });

  await hooks.getByRole('button', { name: 'Revoke ci-main' }).click();
  await expect(hooks.getByTestId('webhook-ci-main').getByTestId('webhook-status')).toHaveText('revoked');
  const revoked = await anonymous.post(url);
  expect(revoked.status()).toBe(404);
  const unknown = await anonymous.post(`/api/v1/hooks/shyhook_${'B'.repeat(43)}`.replace(/^/, new URL(url).origin));
  expect(await revoked.json()).toEqual(await unknown.json());
  await anonymous.dispose();

  await page.goto('/registries');
  await expect(page.getByTestId(`registry-${registryName}`).getByTestId('registry-last-used')).not.toHaveText('never');
  await page.getByRole('button', { name: `Delete ${registryName}` }).click();
  await expect(page.getByTestId(`registry-${registryName}`)).toHaveCount(0);
});
