import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signInAsAdmin } from './support/admin';

const id = Date.now().toString(36);
const stack = `sye2estack${id}`;
const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const dockerCli = (...args: string[]) => execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const secretValue = `e2e-secret-${id}`;
const composeFile = (replicas: number) => `services:
  app:
    image: \${IMAGE}
    command: ["sleep", "600"]
    stop_grace_period: 1s
    secrets: [pw]
    deploy:
      replicas: ${replicas}
secrets:
  pw:
    file: ./pw.txt
`;

/** Axe's critical, serious and moderate findings (as pages-accessibility.spec.ts counts them). */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => ['critical', 'serious', 'moderate'].includes(violation.impact ?? ''))
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

test.afterAll(() => {
  // Only when the spec failed half-way: the test removes its stack itself.
  try {
    dockerCli('stack', 'rm', stack);
  } catch {
    // already gone
  }
});

test('deploys a stack from the form, shows its services and tasks, updates it after the diff, and removes it', async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept()); // removing asks first
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Stacks' }).click();
  await expect(page.getByRole('heading', { name: 'Stacks', exact: true })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  const form = page.getByTestId('deploy-stack-form');
  await form.getByLabel('Stack name').fill(stack);
  await form.getByLabel('Compose file (version 3 / compose spec)').fill(composeFile(1));
  await form.getByLabel(/^Env file/).fill(`IMAGE=${image}\n`);
  // The secret's file is uploaded with the deploy: sent to Docker, never shown or stored.
  await form.getByLabel(/^Files for the stack's secrets and configs/).setInputFiles({ name: 'pw.txt', mimeType: 'text/plain', buffer: Buffer.from(secretValue) });
  await expect(form.getByTestId('given-files')).toContainText('pw.txt');
  await form.getByRole('button', { name: 'Deploy' }).click();

  await expect(page.getByRole('heading', { name: `Stack ${stack}` })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId(`stack-tasks-${stack}_app`)).toContainText('running', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId('stack-version-1')).toContainText('admin');
  expect(await violations(page)).toEqual([]);
  expect(dockerCli('secret', 'inspect', '-f', '{{index .Spec.Labels "com.docker.stack.namespace"}}', `${stack}_pw`)).toBe(stack);

  const update = page.getByTestId('update-stack-form');
  await expect(update.getByLabel('Compose file (version 3 / compose spec)')).toHaveValue(composeFile(1));
  await update.getByLabel('Compose file (version 3 / compose spec)').fill(composeFile(2));
  await update.getByRole('button', { name: 'Preview changes' }).click();
  const diff = page.getByTestId(`diff-${stack}_app`);
  await expect(diff).toContainText('updated');
  await expect(diff.locator('.diff-removed')).toHaveText(['- "Replicas": 1']);
  await expect(diff.locator('.diff-added')).toHaveText(['+ "Replicas": 2']);
  await page.screenshot({ path: 'docs/screenshots/stacks.png', fullPage: true });
  await update.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('update-stack-done')).toContainText('Version 2 deployed: 0 created, 1 updated, 0 removed');
  await expect(page.getByTestId('stack-version-2')).toBeVisible();
  expect(dockerCli('service', 'inspect', '-f', '{{.Spec.Mode.Replicated.Replicas}}', `${stack}_app`)).toBe('2');

  await page.getByTestId('stack-version-1').getByRole('button', { name: 'Show file of version 1' }).click();
  await expect(page.getByTestId('version-file-1')).toContainText('replicas: 1');
  await expect(page.getByTestId('version-file-1')).toContainText('contents not kept): pw.txt');
  expect(await page.content()).not.toContain(secretValue);

  await page.getByRole('button', { name: `Remove stack ${stack}` }).click();
  await expect(page.getByRole('heading', { name: 'Stacks', exact: true })).toBeVisible();
  await expect(page.getByTestId(`stack-${stack}`)).toHaveCount(0);
  expect(dockerCli('service', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${stack}`)).toBe('');
  expect(dockerCli('secret', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${stack}`)).toBe('');
});
