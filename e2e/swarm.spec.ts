import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from './support/admin';
import { signInAndExpectDashboard } from './support/sign-in';

const id = Date.now().toString(36);
const service = `sye2e-svc-${id}`;
const operator = `op-${id}`;
const dockerCli = (...args: string[]) => execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

test.afterAll(() => {
  try {
    dockerCli('service', 'rm', service);
  } catch {
    // already removed by the test
  }
});

test('the swarm page shows the node and a service an operator creates, scales and removes', async ({ page }) => {
  await signInAsAdmin(page);
  expect((await page.request.post('/api/v1/accounts', { data: { username: operator, password: 'operator-password-1', role: 'operator', mustChangePassword: false } })).status()).toBe(201);
  await page.context().clearCookies();
  await signInAndExpectDashboard(page, operator, 'operator-password-1');

  const escaping = await page.request.post('/api/v1/swarm/services', {
    data: { name: service, image: process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local', mounts: [{ type: 'bind', source: '/', target: '/host' }] },
  });
  expect(escaping.status()).toBe(403);
  expect((await escaping.json()).error.message).toContain('bind mounts of host paths');
  // Node controls are a swarm writer's (swarm-controls.spec); a bad value is a 422 that names it.
  const badNode = await page.request.patch('/api/v1/swarm/nodes/self', { data: { availability: 'sideways' } });
  expect(badNode.status()).toBe(422);
  expect((await badNode.json()).error.message).toContain('Choose active, pause or drain');
  expect((await page.request.get('/api/v1/swarm/join-tokens')).status()).toBe(403);

  await page.getByRole('link', { name: 'Swarm' }).click();
  await expect(page.getByRole('heading', { name: 'Swarm nodes' })).toBeVisible();
  await expect(page.getByTestId('swarm-nodes-table')).toContainText('manager (leader)');
  const form = page.getByTestId('create-service-form');
  await form.getByLabel('Name', { exact: true }).fill(service);
  await form.getByLabel('Image').fill(process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local');
  await form.getByLabel('CPU limit (CPUs)').fill('0.25');
  await form.getByLabel('Placement constraints (one per line)').fill('node.role==manager');
  await form.getByLabel('Command (optional').fill(`sh -c 'trap "exit 0" TERM; sleep 600 & wait'`);
  await form.getByRole('button', { name: 'Create service' }).click();
  const row = page.getByTestId(`service-${service}`);
  await expect(row).toContainText('replicated');
  await expect(row).toContainText('/ 1');
  await expect(row).toContainText('0.25');
  await expect(row).toContainText('node.role==manager');

  await row.getByLabel(`Replicas of ${service}`).fill('2');
  await row.getByRole('button', { name: 'Scale' }).click();
  await expect(row).toContainText('/ 2');
  await page.screenshot({ path: 'docs/screenshots/swarm.png', fullPage: true });

  // The orchestrator creates the second task asynchronously.
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/swarm/services/${service}/tasks`)).json()) as { tasks: unknown[] }).tasks.length)
    .toBeGreaterThanOrEqual(2);
  const logs = await page.request.get(`/api/v1/swarm/services/${service}/logs?tail=20`);
  expect(logs.status()).toBe(200);
  expect(Array.isArray((await logs.json()).lines)).toBe(true);
  expect((await page.request.get(`/api/v1/swarm/services/${service}/logs?tail=0`)).status()).toBe(422);
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId(`service-${service}`)).toHaveCount(0);
  expect((await page.request.get(`/api/v1/swarm/services/${service}`)).status()).toBe(404);
});

test('the OpenAPI document lists the API for a signed-in user', async ({ page, request }) => {
  expect((await request.get('/api/v1/openapi.json')).status()).toBe(401);
  await signInAsAdmin(page);
  const document = await (await page.request.get('/api/v1/openapi.json')).json();
  expect(document.openapi).toBe('3.1.0');
  const tokens = await page.request.get('/api/v1/swarm/join-tokens');
  expect((await tokens.json()).joinTokens.worker).toMatch(/^SWMTKN-1-/);
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/ipam/events', '/networks/{id}', '/swarm/services/{id}/tasks']));
  await page.getByRole('link', { name: 'API', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'REST API' })).toBeVisible();
  await expect(page.getByTestId('api-operations')).toContainText('/api/v1/ipam/events');
  await expect(page.getByTestId('api-operations')).toContainText('permission swarm:write');
});
