import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { createFlatNetwork, type FlatNetwork } from '../tests/containers/support/flat-network';
import { ensureAccount, signInAsAdmin } from './support/admin';
import { signInAndExpectDashboard } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

let flat: FlatNetwork;
const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';

function docker(...args: string[]): string {
  return execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: 'pipe' }).trim();
}

test.beforeAll(async () => {
  flat = await createFlatNetwork('e2e');
});

test.afterAll(async () => {
  await flat?.dispose();
});

test('the create form shows each bad field its own message', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/containers/new');
  await page.getByLabel('Image').fill('');
  await page.getByLabel('CPU cores').fill('lots');
  await page.getByLabel('Cpuset (cores)').fill('0-');
  await page.getByLabel('Memory limit (MiB)').fill('2');
  await page.getByLabel('Environment').fill('NO_EQUALS_SIGN');
  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page.getByTestId('error-image')).toHaveText('Give an image, e.g. busybox:latest');
  await expect(page.getByTestId('error-cpus')).toHaveText('CPU cores is a number, e.g. 0.5 or 2');
  await expect(page.getByTestId('error-cpuset')).toHaveText('Use core numbers and ranges, e.g. 0, 0-1 or 0,2-3');
  await expect(page.getByTestId('error-memoryMb')).toHaveText('Docker needs at least 6 MiB');
  await expect(page.getByTestId('error-env')).toContainText('Write NAME=value');

  // The host's own limits: a core it does not have.
  await page.getByLabel('Image').fill(image);
  await page.getByLabel('CPU cores').fill('');
  await page.getByLabel('Memory limit (MiB)').fill('');
  await page.getByLabel('Environment').fill('');
  await page.getByLabel('Cpuset (cores)').fill('0-99');
  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page.getByTestId('error-cpuset')).toContainText('core 2');
  await expect(page.getByTestId('error-image')).toHaveCount(0);
});

test('create on the flat network with a cpuset, see it running with its address, follow its logs, stop and remove it', async ({ page }) => {
  const name = `sye2e-${flat.id}-web`;
  const address = `${flat.net}.33`;
  await signInAsAdmin(page);
  await page.goto('/containers');
  await page.getByRole('link', { name: 'Create container' }).click();
  await page.getByLabel('Image').fill(image);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Command').fill('ping 127.0.0.1');
  await page.getByLabel('Network').fill(flat.name);
  await page.getByLabel('Fixed IPv4 address').fill(address);
  await page.getByLabel('Cpuset (cores)').fill('0');
  await page.getByLabel('CPU cores').fill('0.5');
  await page.getByLabel('Memory limit (MiB)').fill('64');
  await page.getByLabel('Labels').fill('io.shipyard.test=e2e');
  await page.screenshot({ path: 'docs/screenshots/container-create.png', fullPage: true });
  await page.getByRole('button', { name: 'Create and start' }).click();

  await expect(page.getByTestId('container-name')).toHaveText(name);
  await expect(page.getByTestId('container-state')).toHaveText('running');
  await expect(page.getByTestId(`network-${flat.name}`)).toContainText(`${address} (fixed)`);
  await expect(page.getByTestId('detail-cpuset')).toHaveText('0');
  expect(docker('inspect', '-f', '{{.HostConfig.CpusetCpus}} {{.HostConfig.NanoCpus}}', name)).toBe('0 500000000');
  await expect(page.getByTestId('logs')).toContainText('PING 127.0.0.1');
  await expect(page.getByTestId('stats-memory')).toContainText('/ 64.0 MiB');
  await expect(page.getByTestId('stats-cpu')).toHaveText(/^\d+\.\d %$/);
  await page.screenshot({ path: 'docs/screenshots/container-detail.png', fullPage: true });

  await page.getByTestId('logs-follow').check();
  docker('exec', name, 'sh', '-c', 'echo line-after-follow-began > /proc/1/fd/1');
  await expect(page.getByTestId('logs')).toContainText('line-after-follow-began');

  // Its console: `echo` typed in the browser runs in the container (xterm.js renders one div per row).
  const consoleCard = page.getByTestId('console');
  await consoleCard.getByRole('button', { name: 'Connect' }).click();
  await expect(consoleCard.getByTestId('console-status')).toHaveText('open');
  await page.getByTestId('console-terminal').click();
  await page.keyboard.type(`echo flat-$((6 * 7))`);
  await page.keyboard.press('Enter');
  // The typed line reads "echo flat-$((6 * 7))": a row that is exactly flat-42 is the shell's answer.
  await expect(page.getByTestId('console-terminal').locator('.xterm-rows > div').filter({ hasText: /^\s*flat-42\s*$/ })).toHaveCount(1);
  await consoleCard.getByRole('button', { name: 'Disconnect' }).click();

  await page.goto('/containers');
  const row = page.getByTestId(`container-row-${name}`);
  await expect(row.getByTestId('container-state')).toHaveText('running');
  await expect(row.getByTestId('container-address')).toHaveText(address);
  await expect(row.getByTestId('container-cpu')).toHaveText('0.5 cores · cpuset 0');
  await page.getByLabel('Search containers').fill(flat.id);
  await expect(page.getByTestId('containers-table').locator('tbody tr')).toHaveCount(1);
  await page.screenshot({ path: 'docs/screenshots/containers.png', fullPage: true });

  await row.getByRole('button', { name: 'Stop' }).click();
  await expect(row.getByTestId('container-state')).toHaveText('exited', { timeout: 20_000 });
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: 'Remove' }).click();
  await expect(row).toHaveCount(0);
  expect(() => docker('inspect', name)).toThrow();
});

test('the API answers 422 with a message for every bad field, never 500', async ({ page }) => {
  await signInAsAdmin(page);
  const bad = await page.request.post('/api/v1/containers', {
    data: { image: '', name: '/x', cpus: -1, cpuset: 'all', memoryMb: 1, ports: [{ containerPort: 0 }], restartPolicy: 'maybe', ipv4Address: 'nope', extra: true },
  });
  expect(bad.status()).toBe(422);
  const fields = ((await bad.json()).error.fields as { path: string; message: string }[]).map((field) => field.path).sort();
  expect(fields).toEqual(['(body)', 'cpus', 'cpuset', 'image', 'ipv4Address', 'memoryMb', 'name', 'ports.0.containerPort', 'restartPolicy']);
  const tooMany = await page.request.post('/api/v1/containers', { data: { image, cpus: 512 } });
  expect(tooMany.status()).toBe(422);
  expect((await tooMany.json()).error.fields[0]).toMatchObject({ path: 'cpus', message: expect.stringContaining('ask for at most') });
  const noImage = await page.request.post('/api/v1/containers', { data: { image: 'never-pulled:none' } });
  expect(noImage.status()).toBe(422);
  const logs = await page.request.get('/api/v1/containers/whatever/logs?tail=lots');
  expect(logs.status()).toBe(422);
  const missing = await page.request.post('/api/v1/containers/no-such-container-here/start', { data: {} });
  expect(missing.status()).toBe(404);
  const unknownAction = await page.request.post('/api/v1/containers/no-such-container-here/explode', { data: {} });
  expect(unknownAction.status()).toBe(404);
});

test('an operator may create but not with host-escaping options', async ({ page }) => {
  await signInAsAdmin(page);
  await ensureAccount(page, 'otto', 'operator-password-1', 'operator');
  await page.context().clearCookies();
  await signInAndExpectDashboard(page, 'otto', 'operator-password-1');
  const name = `sye2e-${flat.id}-op`;
  for (const escaping of [{ privileged: true }, { volumes: [{ source: '/etc', target: '/host' }] }, { network: 'host' }, { capAdd: ['SYS_ADMIN'] }]) {
    const refused = await page.request.post('/api/v1/containers', { data: { image, name, command: ['sleep', '60'], ...escaping } });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.message).toContain('Only an admin may use host-escaping options');
  }
  expect(() => docker('inspect', name)).toThrow();
  const created = await page.request.post('/api/v1/containers', { data: { image, name, command: ['sleep', '60'], network: flat.name, cpus: 0.25 } });
  expect(created.status()).toBe(201);
  const scaled = await page.request.post(`/api/v1/containers/${name}/scale`, { data: { count: 2 } });
  expect(scaled.status()).toBe(201);
  const clones = (await scaled.json()).containers as { name: string; state: string; cpus: number }[];
  expect(clones.map((clone) => [clone.state, clone.cpus])).toEqual([['running', 0.25], ['running', 0.25]]);
  for (const clone of clones) expect((await page.request.delete(`/api/v1/containers/${clone.name}?force=true`)).status()).toBe(200);
  const updated = await page.request.post(`/api/v1/containers/${name}/update`, { data: { memoryMb: 96 } });
  expect((await updated.json()).container.memoryBytes).toBe(96 * 1024 * 1024);
  const removed = await page.request.delete(`/api/v1/containers/${name}?force=true`);
  expect(removed.status()).toBe(200);
});

test('a viewer sees the list without mutation buttons and the API answers 403 on mutations', async ({ page }) => {
  const name = `sye2e-${flat.id}-ro`;
  docker('run', '-d', '--name', name, '--label', 'io.shipyard.test=e2e', '--network', flat.name, image, 'sleep', '600');
  await signInAsAdmin(page);
  await ensureAccount(page, 'vic', 'viewer-password-2', 'viewer');
  await page.context().clearCookies();
  await signInAndExpectDashboard(page, 'vic', 'viewer-password-2');
  await page.getByRole('link', { name: 'Containers' }).click();
  const row = page.getByTestId(`container-row-${name}`);
  await expect(row.getByTestId('container-state')).toHaveText('running');
  await expect(page.getByRole('button', { name: /Stop|Start|Restart|Remove/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Create container' })).toHaveCount(0);
  await row.getByRole('link', { name }).click();
  await expect(page.getByTestId('container-name')).toHaveText(name);
  await expect(page.getByTestId('container-state')).toHaveText('running');
  await expect(page.getByTestId('detail-actions')).toHaveCount(0);
  await page.goto('/containers/new');
  await expect(page.getByRole('button', { name: 'Create and start' })).toHaveCount(0);

  expect((await page.request.get('/api/v1/containers')).status()).toBe(200);
  expect((await page.request.post('/api/v1/containers', { data: { image } })).status()).toBe(403);
  expect((await page.request.post(`/api/v1/containers/${name}/stop`, { data: {} })).status()).toBe(403);
  expect((await page.request.delete(`/api/v1/containers/${name}?force=true`)).status()).toBe(403);
  expect(docker('inspect', '-f', '{{.State.Status}}', name)).toBe('running');
});

test('the list follows docker run, stop and rm without a reload; inspect shows processes; two selected rows stop together', async ({ page }) => {
  const live = `sye2e-${flat.id}-live`;
  const [first, second] = [`sye2e-${flat.id}-bulk-a`, `sye2e-${flat.id}-bulk-b`];
  const run = (name: string) => docker('run', '-d', '--name', name, '--label', 'io.shipyard.test=e2e', '--stop-timeout', '1', image, 'sleep', '600');
  try {
    await signInAsAdmin(page);
    await page.goto('/containers');
    await expect(page.getByTestId('live-status')).toHaveText('live');
    // A mark on this document: a reload would lose it.
    await page.evaluate(() => document.body.setAttribute('data-not-reloaded', 'yes'));

    run(live);
    const row = page.getByTestId(`container-row-${live}`);
    await expect(row.getByTestId('container-state')).toHaveText('running');
    docker('stop', '-t', '0', live);
    await expect(row.getByTestId('container-state')).toHaveText('exited');
    docker('rm', live);
    await expect(row).toHaveCount(0);
    await expect(page.locator('body')).toHaveAttribute('data-not-reloaded', 'yes');

    run(first);
    run(second);
    const firstRow = page.getByTestId(`container-row-${first}`);
    const secondRow = page.getByTestId(`container-row-${second}`);
    await expect(firstRow.getByTestId('container-state')).toHaveText('running');
    await expect(secondRow.getByTestId('container-state')).toHaveText('running');

    await firstRow.getByRole('link', { name: first }).click();
    await expect(page.getByTestId('processes').getByTestId('process-row')).toHaveCount(1);
    await expect(page.getByTestId('processes').getByTestId('process-row')).toContainText('sleep 600');
    await page.goBack();

    await firstRow.getByLabel(`Select ${first}`).check();
    await secondRow.getByLabel(`Select ${second}`).check();
    await expect(page.getByTestId('selected-count')).toHaveText('2 selected');
    await page.getByRole('button', { name: 'Stop selected' }).click();
    await expect(page.getByTestId(`bulk-result-${first}`)).toHaveText(`${first}: stop: done`);
    await expect(page.getByTestId(`bulk-result-${second}`)).toHaveText(`${second}: stop: done`);
    await expect(firstRow.getByTestId('container-state')).toHaveText('exited');
    await expect(secondRow.getByTestId('container-state')).toHaveText('exited');
    expect(docker('inspect', '-f', '{{.State.Status}}', first)).toBe('exited');
    expect(docker('inspect', '-f', '{{.State.Status}}', second)).toBe('exited');
  } finally {
    for (const name of [live, first, second]) {
      try {
        docker('rm', '-f', name);
      } catch {
        // already gone
      }
    }
  }
});
