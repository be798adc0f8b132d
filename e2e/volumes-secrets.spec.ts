import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signInAsAdmin } from './support/admin';
import { signInAndExpectDashboard } from './support/sign-in';

const id = Date.now().toString(36);
const volume = `sye2e-vol-${id}`;
const container = `sye2e-volc-${id}`;
const secret = `sye2e-sec-${id}`;
const service = `sye2e-secsvc-${id}`;
const operator = `secop-${id}`;
const VALUE = `e2e-secret-value-${id}`;
const IMAGE = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const dockerCli = (...args: string[]) => execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
let operatorId = '';

test.afterAll(async ({ browser }) => {
  for (const args of [['rm', '-f', container], ['volume', 'rm', '-f', volume], ['service', 'rm', service], ['secret', 'rm', secret]]) {
    try {
      dockerCli(...args);
    } catch {
      // already gone
    }
  }
  if (!operatorId) return;
  const page = await browser.newPage();
  await signInAsAdmin(page);
  await page.request.delete(`/api/v1/accounts/${operatorId}`);
  await page.close();
});

test('volumes: create on a host, see which container uses it, removal refused while in use, then removed', async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept()); // removing asks first
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Volumes' }).click();
  await expect(page.getByRole('heading', { name: 'Volumes' })).toBeVisible();
  const form = page.getByTestId('create-volume-form');
  await form.getByLabel('Name').fill(volume);
  await form.getByLabel('Labels (key=value, one per line)').fill('shipyard-test=e2e');
  await form.getByRole('button', { name: 'Create volume' }).click();
  await expect(form.getByTestId('create-volume-result')).toContainText(`Volume ${volume} created`);
  const row = page.getByTestId(`volume-${volume}`);
  await expect(row).toContainText('local');
  await expect(row).toContainText(volume); // the admin sees the mountpoint too

  dockerCli('run', '-d', '--name', container, '--label', 'shipyard-test=e2e', '-v', `${volume}:/data`, IMAGE, 'sleep', '600');
  await page.reload();
  await expect(page.getByTestId(`volume-users-${volume}`)).toContainText(`${container} (running)`);
  await row.getByRole('button', { name: `Remove ${volume}` }).click();
  await expect(row.getByTestId(`remove-volume-error-${volume}`)).toContainText(`is in use on`);
  await expect(row.getByTestId(`remove-volume-error-${volume}`)).toContainText(`by container ${container} (running)`);
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/volumes.png', fullPage: true });

  dockerCli('rm', '-f', container);
  await page.reload();
  await expect(page.getByTestId(`volume-users-${volume}`)).toHaveText('—');
  await page.getByTestId(`volume-${volume}`).getByRole('button', { name: `Remove ${volume}` }).click();
  await expect(page.getByTestId(`volume-${volume}`)).toHaveCount(0);
});

/** Every JSON answer the console gave the page, for the value check. */
function recordAnswers(page: Page): string[] {
  const answers: string[] = [];
  page.on('response', (response) => {
    if (!response.url().includes('/api/v1/') || response.url().includes('/logs')) return;
    void response.text().then(
      (text) => answers.push(text),
      () => undefined,
    );
  });
  return answers;
}

test('secrets: an operator granted secrets:write creates one, attaches it from the service form, and the task reads it', async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await signInAsAdmin(page);
  const created = await page.request.post('/api/v1/accounts', {
    data: { username: operator, password: 'operator-password-1', role: 'operator', grants: ['secrets:write'], mustChangePassword: false },
  });
  expect(created.status()).toBe(201);
  operatorId = ((await created.json()) as { account: { id: string } }).account.id;
  await page.context().clearCookies();
  await signInAndExpectDashboard(page, operator, 'operator-password-1');
  const answers = recordAnswers(page);

  await page.getByRole('link', { name: 'Secrets' }).click();
  await expect(page.getByRole('heading', { name: 'Secrets and configs' })).toBeVisible();
  const form = page.getByTestId('create-secret-form');
  await form.getByLabel('Name').fill(secret);
  await form.getByLabel('Value (sent to Docker, never shown again)').fill(VALUE);
  await form.getByRole('button', { name: 'Create secret' }).click();
  await expect(form.getByTestId('create-secret-result')).toContainText(`The secret ${secret} was created`);
  await expect(page.getByTestId(`secret-${secret}`)).toBeVisible();

  await page.getByRole('link', { name: 'Swarm' }).click();
  const serviceForm = page.getByTestId('create-service-form');
  await serviceForm.getByLabel('Name', { exact: true }).fill(service);
  await serviceForm.getByLabel('Image').fill(IMAGE);
  await serviceForm.getByLabel('Command (optional').fill(`sh -c 'cat /run/secrets/x; echo; sleep 600'`);
  await serviceForm.getByRole('button', { name: 'Add secret' }).click();
  await serviceForm.getByLabel('Secret 1', { exact: true }).selectOption(secret);
  await serviceForm.getByLabel('Secret 1 target').fill('x');
  await serviceForm.getByRole('button', { name: 'Create service' }).click();
  await expect(page.getByTestId(`service-${service}`)).toBeVisible();

  // The task read the file: its output is the value (the service's logs, which its readers see).
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/swarm/services/${service}/logs?tail=20`)).json()) as { lines: { text: string }[] }).lines.map((line) => line.text), { timeout: 30_000 })
    .toContain(VALUE);

  await page.goto(`/swarm/services/${service}`);
  await expect(page.getByTestId('service-configuration')).toContainText(`${secret} → /run/secrets/x (0:0 0444)`);
  // The page's logs show what the task printed (the value); its configuration never does.
  expect(await page.getByTestId('service-configuration').textContent()).not.toContain(VALUE);

  await page.getByRole('link', { name: 'Secrets' }).click();
  await expect(page.getByTestId(`secret-users-${secret}`)).toHaveText(service);
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/volumes-secrets.png', fullPage: true });
  expect(await page.content()).not.toContain(VALUE);

  const row = page.getByTestId(`secret-${secret}`);
  await row.getByRole('button', { name: `Remove ${secret}` }).click();
  await expect(row.getByTestId(`remove-secret-error-${secret}`)).toContainText(`is in use by service ${service}`);

  // Nowhere in the API's answers: the list, the service, the create's own answer.
  for (const path of ['/api/v1/secrets', `/api/v1/swarm/services/${service}`, '/api/v1/configs']) {
    const text = await (await page.request.get(path)).text();
    expect(text, path).not.toContain(VALUE);
    expect(text, path).not.toContain(Buffer.from(VALUE).toString('base64'));
  }
  expect(answers.length).toBeGreaterThan(0);
  for (const answer of answers) expect(answer).not.toContain(VALUE);

  expect((await page.request.delete(`/api/v1/swarm/services/${service}`)).status()).toBe(204);
  await page.reload();
  await page.getByTestId(`secret-${secret}`).getByRole('button', { name: `Remove ${secret}` }).click();
  await expect(page.getByTestId(`secret-${secret}`)).toHaveCount(0);
});

test('the volumes and secrets pages have no accessibility violation', async ({ page }) => {
  test.setTimeout(120_000); // axe walks the whole page: slow on a busy machine
  await signInAsAdmin(page);
  for (const [path, heading] of [['/volumes', 'Volumes'], ['/secrets', 'Secrets and configs']] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const blocking = results.violations.filter((violation) => ['critical', 'serious', 'moderate'].includes(violation.impact ?? ''));
    expect(blocking.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`)), path).toEqual([]);
  }
});
