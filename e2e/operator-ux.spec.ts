// Issue 17, "the operator's day": what a new operator tripped over, each fixed and checked here.
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { signInAsAdmin } from './support/admin';


const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const id = `${process.env.E2E_PORT ?? 'port'}-${Date.now().toString(36)}`;
const service = `syux-svc-${id}`;
const network = `syux-net-${id}`;
const third = 100 + (Date.now() % 100);
const containers = { quiet: `syux-quiet-${id}`, slow: `syux-slow-${id}`, other: `syux-other-${id}`, quoted: `syux-quoted-${id}` };

function docker(...args: string[]): string {
  return execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: 'pipe' }).trim();
}
const quietly = (run: () => unknown) => {
  try {
    run();
  } catch {
    // already gone
  }
};

test.afterAll(() => {
  quietly(() => docker('service', 'rm', service));
  for (const name of Object.values(containers)) quietly(() => docker('rm', '-f', name));
  quietly(() => docker('network', 'rm', network));
});

/** The list's live status of a service (no reload). */
const statusCell = (page: Page) => page.getByTestId(`service-${service}`).getByTestId('service-status');

test('a service whose tasks never start says why in the list and the header; its leftovers are labelled; its command is edited as words', async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  await page.goto('/swarm');
  const form = page.getByTestId('create-service-form');
  await form.getByLabel('Name', { exact: true }).fill(service);
  await form.getByLabel('Image').fill(image);
  await form.getByLabel('Placement constraints (one per line)').fill('node.role==manager');
  // Quotes keep "echo starting; exit 2" one word: the task runs and exits 2 (never split on spaces).
  await form.getByLabel('Command (optional').fill(`sh -c 'echo starting; exit 2'`);
  await expect(form.getByTestId('command-words').locator('li')).toHaveText(['sh', '-c', 'echo starting; exit 2']);
  await form.getByRole('button', { name: 'Create service' }).click();
  await expect(form.getByTestId('create-service-notice')).toContainText(`Service ${service} created`);

  // The list says failing with the task's error, live (no reload).
  await expect(statusCell(page)).toContainText('0 / 1', { timeout: 30_000 });
  await expect(statusCell(page)).toContainText('failing: task: non-zero exit (2)', { timeout: 60_000 });
  const row = page.getByTestId(`service-${service}`);
  // Roll back is the same in the list and on the page: disabled, with the reason.
  const listRollback = row.getByRole('button', { name: 'Roll back' });
  await expect(listRollback).toBeDisabled();
  await expect(listRollback).toHaveAttribute('title', 'Not updated yet: there is no earlier spec to roll back to');
  await expect(listRollback).toHaveAccessibleDescription('Not updated yet: there is no earlier spec to roll back to');
  await page.screenshot({ path: 'docs/screenshots/swarm-failing-service.png', fullPage: true });

  // The failed tasks' containers are labelled as the service's.
  await page.goto('/containers');
  const leftovers = page.getByTestId('container-service').filter({ hasText: service });
  await expect(leftovers.first()).toBeVisible({ timeout: 30_000 });
  await expect(leftovers.first()).toHaveText(`task of service ${service}`);

  await page.goto(`/swarm/services/${service}`);
  await expect(page.getByTestId('service-replicas')).toHaveText('0 / 1');
  await expect(page.getByTestId('service-replicas-health')).toContainText('failing: task: non-zero exit (2)');
  await expect(page.getByTestId('service-argv').locator('li')).toHaveText(['sh', '-c', 'echo starting; exit 2']);
  const detailRollback = page.getByRole('button', { name: 'Roll back' });
  await expect(detailRollback).toBeDisabled();
  await expect(detailRollback).toHaveAttribute('title', 'Not updated yet: there is no earlier spec to roll back to');

  // The edit form has the command, as a line that splits back into the same words.
  await page.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByTestId('edit-service-form');
  const command = edit.getByLabel('Command (optional');
  await expect(command).toHaveValue(`sh -c 'echo starting; exit 2'`);
  await command.fill(`sh -c 'echo "unclosed`);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByTestId('error-command')).toContainText('single quote is not closed');
  await expect(command).toHaveAttribute('aria-invalid', 'true');
  await command.fill(`sh -c 'echo up-now; trap "exit 0" TERM; while :; do echo tick; sleep 1; done'`);
  await expect(edit.getByTestId('command-words').locator('li')).toHaveCount(3);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByTestId('edit-service-notice')).toContainText('Saved (command)');
  await expect(command).not.toHaveAttribute('aria-invalid', 'true');

  // The header follows the tasks live: running without a reload.
  await expect(page.getByTestId('service-replicas')).toHaveText('1 / 1', { timeout: 60_000 });
  await expect(page.getByTestId('service-replicas-health')).toHaveText('running');
  await expect(page.getByTestId('task-row').filter({ hasText: 'running' }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Roll back' })).toBeEnabled();
  await expect(page.getByTestId('service-argv').locator('li')).toHaveText(['sh', '-c', 'echo up-now; trap "exit 0" TERM; while :; do echo tick; sleep 1; done']);

  // Logs: each line with its task and time; a search narrows them.
  const logs = page.getByTestId('service-logs');
  await expect(async () => {
    await logs.getByRole('button', { name: 'Refresh logs' }).click();
    await expect(logs.getByTestId('service-log-line').filter({ hasText: 'up-now' })).not.toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const upLine = logs.getByTestId('service-log-line').filter({ hasText: 'up-now' }).first();
  await expect(upLine.getByTestId('service-log-task')).toContainText(`${service}.1@`);
  await expect(upLine).toHaveText(/^\d\d:\d\d:\d\d /);
  await logs.getByLabel('Search service logs').fill('up-now');
  await expect(logs.getByTestId('service-log-line').filter({ hasNotText: 'up-now' })).toHaveCount(0);
  await logs.getByLabel('Search service logs').fill('no-such-line-anywhere');
  await expect(logs.getByTestId('service-logs-empty')).toHaveText('No line matches the search.');
  await logs.getByLabel('Search service logs').fill('');
  await page.screenshot({ path: 'docs/screenshots/swarm-service-detail.png', fullPage: true });

  // Removing asks first: dismissed, the service stays; accepted, it goes.
  await page.goto('/swarm');
  page.once('dialog', (dialog) => void dialog.dismiss());
  await row.getByRole('button', { name: `Remove ${service}` }).click();
  await expect(row).toBeVisible();
  expect(docker('service', 'inspect', service, '--format', '{{.Spec.Name}}')).toBe(service);
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain(`Remove the service ${service}?`);
    void dialog.accept();
  });
  await row.getByRole('button', { name: `Remove ${service}` }).click();
  await expect(row).toHaveCount(0);
});

test('the command field splits as a shell does and the detail page lists the words; an open quote is a field error', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/containers/new');
  await page.getByLabel('Image').fill(image);
  await page.getByLabel('Name').fill(containers.quoted);
  const command = page.getByLabel('Command');
  await command.fill(`sh -c "while true; do echo 'hello world'; sleep 5; done`);
  await expect(page.getByTestId('command-words-problem')).toContainText('double quote is not closed');
  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page.getByTestId('error-command')).toContainText('double quote is not closed');
  await expect(command).toHaveAttribute('aria-invalid', 'true');
  await expect(command).toHaveCSS('border-top-color', 'rgb(198, 40, 40)');
  await page.screenshot({ path: 'docs/screenshots/container-create-field-error.png', fullPage: true });
  await command.fill(`sh -c "while true; do echo 'hello world'; sleep 5; done"`);
  await expect(page.getByTestId('command-words').locator('li')).toHaveText(['sh', '-c', "while true; do echo 'hello world'; sleep 5; done"]);
  await page.getByLabel('Network').fill('bridge');
  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page.getByTestId('container-state')).toHaveText('running');
  await expect(page.getByTestId('container-argv').locator('li')).toHaveText(['sh', '-c', "while true; do echo 'hello world'; sleep 5; done"]);
  await expect(page.getByTestId('logs')).toContainText('hello world');
  // Started: a relative time, the exact one on hover.
  await expect(page.getByTestId('detail-started').locator('time')).toHaveText(/(just now|\d+ s ago)/);
  await expect(page.getByTestId('detail-started').locator('time')).toHaveAttribute('title', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  expect(JSON.parse(docker('inspect', '-f', '{{json .Config.Cmd}}', containers.quoted))).toEqual(['sh', '-c', "while true; do echo 'hello world'; sleep 5; done"]);
});

test("Docker's refusals after create land under their fields: an address outside the subnet, an unknown network, missing cores", async ({ page }) => {
  docker('network', 'create', '--subnet', `10.231.${third}.0/24`, network);
  await signInAsAdmin(page);
  await page.goto('/containers/new');
  await page.getByLabel('Image').fill(image);
  await page.getByLabel('Command').fill('sleep 600');
  await page.getByLabel('Network').fill(network);
  await page.getByLabel('Fixed IPv4 address').fill(`10.232.${third}.5`);
  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page.getByTestId('error-ipv4Address')).toHaveText(`10.232.${third}.5 is outside the subnet of ${network}: pick an address in its range`);
  await expect(page.getByLabel('Fixed IPv4 address')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('create-error')).toHaveText('Fix the fields marked below.');

  await page.getByLabel('Fixed IPv4 address').fill('');
  await page.getByLabel('Network').fill(`${network}-missing`);
  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page.getByTestId('error-network')).toContainText(`There is no network ${network}-missing on`);
  await expect(page.getByLabel('Network')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('error-ipv4Address')).toHaveCount(0);

  await page.getByLabel('Network').fill('bridge');
  await page.getByLabel('Cpuset (cores)').fill('0-90');
  await page.getByRole('button', { name: 'Create and start' }).click();
  // The valid range, and the missing cores as one range: never 89 numbers.
  await expect(page.getByTestId('error-cpuset')).toContainText(/use cores in 0(-\d+)?$/);
  await expect(page.getByTestId('error-cpuset')).not.toContainText(',');
});

test('stopping one container shows progress on its row only; an empty log says so; times are relative with the exact one on hover', async ({ page }) => {
  test.setTimeout(90_000);
  // PID 1 ignores SIGTERM: the stop waits Docker's full timeout, long enough to see the row busy.
  docker('run', '-d', '--name', containers.slow, '--label', 'io.shipyard.test=syux', image, 'sleep', '600');
  docker('run', '-d', '--name', containers.other, '--label', 'io.shipyard.test=syux', image, 'sleep', '600');
  docker('run', '-d', '--name', containers.quiet, '--label', 'io.shipyard.test=syux', image, 'sleep', '600');
  page.on('dialog', (dialog) => void dialog.accept());
  await signInAsAdmin(page);
  await page.goto('/containers');
  const slow = page.getByTestId(`container-row-${containers.slow}`);
  const other = page.getByTestId(`container-row-${containers.other}`);
  const created = slow.locator('time');
  await expect(created).toHaveText(/ago|just now/);
  await expect(created).toHaveAttribute('title', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await slow.getByRole('button', { name: `Stop ${containers.slow}` }).click();
  await expect(slow.getByTestId('row-progress')).toHaveText('stopping…');
  await expect(slow.getByRole('button', { name: `Restart ${containers.slow}` })).toBeDisabled();
  // Every other row stays usable meanwhile.
  await expect(other.getByRole('button', { name: `Stop ${containers.other}` })).toBeEnabled();
  await expect(other.getByTestId('row-progress')).toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/containers-row-progress.png', fullPage: true });
  await expect(slow.getByTestId('container-state')).toHaveText('exited', { timeout: 30_000 });
  await expect(slow.getByTestId('row-progress')).toHaveCount(0);

  await page.goto(`/containers/${containers.quiet}`);
  await expect(page.getByTestId('logs-empty')).toHaveText('No output: the container has written nothing to stdout or stderr.');
});

test('the events filter matches a prefix without its dot, and the table stays inside the window', async ({ page }) => {
  await signInAsAdmin(page);
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto('/events?action=container');
  const rows = page.getByTestId('event-row');
  await expect(rows.first()).toBeVisible();
  for (const action of await rows.locator('td:nth-child(3)').allTextContents()) expect(action).toMatch(/^container\./);
  await page.goto('/events?action=container.');
  await expect(rows.first()).toBeVisible();
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(fits).toBe(true);
  await expect(rows.first().locator('time')).toHaveAttribute('title', /UTC$/);
});

test('"Create on" names the engine by host, and the favicon is served', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/networks');
  const options = await page.getByLabel('Create on').locator('option').allTextContents();
  expect(options.length).toBeGreaterThan(0);
  for (const option of options) expect(option).not.toMatch(/unix:\/\/|tcp:\/\/|\.sock/);
  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(icon).toMatch(/^\/icon\.svg/);
  const answer = await page.request.get(icon ?? '');
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toContain('image/svg+xml');
});

test('a new token has a copy button; revoking asks first; a revoked token can be deleted', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const name = `syux-token-${id}`;
  await signInAsAdmin(page);
  await page.goto('/account/tokens');
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token-secret').textContent()) ?? '';
  expect(secret.length).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Copy the token' }).click();
  await expect(page.getByTestId('copy-outcome')).toHaveText('Copied to the clipboard');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  const row = page.getByTestId(`token-${name}`);
  page.once('dialog', (dialog) => void dialog.dismiss());
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(row.getByTestId('token-status')).toHaveText('active');
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(row.getByTestId('token-status')).toHaveText('revoked');
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(row).toHaveCount(0);
  const listed = (await (await page.request.get('/api/v1/tokens')).json()) as { tokens: { name: string }[] };
  expect(listed.tokens.map((token) => token.name)).not.toContain(name);
});
