import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { ensureAccount, signInAsAdmin } from './support/admin';
import { signInAndExpectDashboard } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const run = `syctl-${Date.now().toString(36)}`;
const label = `io.shipyard.test=${run}`;
const repository = `shipyard-e2e/controls-${run}`;

function docker(...args: string[]): string {
  return execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: 'pipe' }).trim();
}

function quietly(...args: string[]): void {
  try {
    docker(...args);
  } catch {
    // cleanup: already gone
  }
}

function exists(kind: 'container' | 'volume' | 'image', name: string): boolean {
  try {
    docker(kind, 'inspect', name);
    return true;
  } catch {
    return false;
  }
}

/** A running busybox with an anonymous volume on /data, labelled for the clean-up. */
function startContainer(name: string): void {
  docker('run', '-d', '--name', name, '--label', label, '-v', '/data', image, 'sleep', '3600');
}

async function openDetail(page: Page, name: string): Promise<void> {
  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(name);
  await page.getByTestId(`container-row-${name}`).getByRole('link', { name, exact: true }).click();
  await expect(page.getByTestId('container-name')).toHaveText(name);
}

test.afterAll(() => {
  // Everything this file made carries its label (copies inherit it), or its repository.
  const left = docker('ps', '-aq', '--filter', `label=${label}`);
  if (left) quietly('rm', '-f', '-v', ...left.split('\n'));
  for (const tag of ['base', 'v1']) quietly('rmi', `${repository}:${tag}`);
});

test('rename, change the limits while running, scale to 2, kill with a signal, remove with its volumes', async ({ page }) => {
  const name = `${run}-main`;
  const other = `${run}-other`;
  const renamed = `${run}-renamed`;
  startContainer(name);
  startContainer(other);
  const volume = docker('inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', name);
  expect(exists('volume', volume)).toBe(true);
  const cores = Number(docker('info', '-f', '{{.NCPU}}'));

  await signInAsAdmin(page);
  await openDetail(page, name);
  const controls = page.getByTestId('container-controls');
  await expect(controls).toBeVisible();

  // Rename: the validator's words, Docker's words for a taken name, then a good name.
  await page.getByLabel('New name').fill('has a space');
  await page.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByTestId('error-name')).toHaveText('Use letters, digits, dots, dashes and underscores, starting with a letter or digit');
  await page.getByLabel('New name').fill(other);
  await page.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByTestId('error-name')).toContainText(`The container name "/${other}" is already in use`);
  await page.getByLabel('New name').fill(renamed);
  await page.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByTestId('container-name')).toHaveText(renamed);
  await expect(page.getByTestId('error-name')).toHaveCount(0);
  expect(exists('container', renamed)).toBe(true);

  // Limits: the current values first, per-field errors from the API, then the new values while it runs.
  await expect(page.getByTestId('limits-current')).toContainText('no CPU limit · all cores · no memory limit');
  await expect(page.getByTestId('detail-cpu-cores')).toHaveText('unlimited');
  await page.getByLabel('CPU cores').fill('lots');
  await page.getByLabel('Cpuset (cores)').fill(`0-${cores}`);
  await page.getByLabel('Memory limit (MiB)').fill('2');
  await page.getByRole('button', { name: 'Change limits' }).click();
  await expect(page.getByTestId('error-cpus')).toHaveText('CPU cores is a number, e.g. 0.5 or 2');
  await expect(page.getByTestId('error-memoryMb')).toHaveText('Docker needs at least 6 MiB');
  await page.getByLabel('CPU cores').fill('0.5');
  await page.getByLabel('Memory limit (MiB)').fill('64');
  await page.getByRole('button', { name: 'Change limits' }).click();
  // The host's core count: asked after the syntax is right.
  await expect(page.getByTestId('error-cpuset')).toContainText(`core ${cores} does not exist`);
  await page.getByLabel('Cpuset (cores)').fill('0');
  await page.getByRole('button', { name: 'Change limits' }).click();
  await expect(page.getByTestId('limits-done')).toHaveText('Now 0.5 cores · cpuset 0 · 64 MiB');
  await expect(page.getByTestId('detail-cpu-cores')).toHaveText('0.5');
  await expect(page.getByTestId('detail-cpuset')).toHaveText('0');
  await expect(page.getByTestId('detail-memory-limit')).toHaveText('64.0 MiB');
  await expect(page.getByTestId('container-state')).toHaveText('running');
  expect(docker('inspect', '-f', '{{.HostConfig.NanoCpus}} {{.HostConfig.CpusetCpus}} {{.HostConfig.Memory}} {{.State.Status}}', renamed)).toBe(
    `500000000 0 ${64 * 1024 * 1024} running`,
  );
  await page.reload();
  await expect(page.getByTestId('detail-cpu-cores')).toHaveText('0.5');
  await expect(page.getByLabel('CPU cores')).toHaveValue('0.5');
  await expect(page.getByLabel('Memory limit (MiB)')).toHaveValue('64');

  // Scale: two running copies, listed with links, and in the containers list.
  await page.getByLabel('Copies').fill('0');
  await page.getByRole('button', { name: 'Scale' }).click();
  await expect(page.getByTestId('error-count')).toHaveText('Make at least 1 copy');
  await page.getByLabel('Copies').fill('2');
  await page.getByRole('button', { name: 'Scale' }).click();
  const copies = page.getByTestId('scale-copy');
  await expect(copies).toHaveCount(2);
  const copyNames = (await copies.getByRole('link').allTextContents()).map((text) => text.trim());
  for (const copy of copyNames) {
    expect(copy.startsWith(`${renamed}-`)).toBe(true);
    expect(docker('inspect', '-f', '{{.State.Status}} {{.HostConfig.NanoCpus}}', copy)).toBe('running 500000000');
  }
  await page.screenshot({ path: 'docs/screenshots/container-controls.png', fullPage: true });
  await copies.getByRole('link', { name: copyNames[0] }).click();
  await expect(page.getByTestId('container-name')).toHaveText(copyNames[0] ?? '');
  await expect(page.getByTestId('detail-cpu-cores')).toHaveText('0.5');
  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(renamed);
  for (const copy of copyNames) await expect(page.getByTestId(`container-row-${copy}`).getByTestId('container-state')).toHaveText('running');

  // Kill: a signal Docker does not know is answered on the field; SIGKILL stops it.
  await openDetail(page, renamed);
  await page.getByLabel('Signal').fill('SIGNOPE');
  await page.getByRole('button', { name: 'Kill' }).click();
  await expect(page.getByTestId('error-signal')).toContainText('SIGNOPE');
  await expect(page.getByTestId('container-state')).toHaveText('running');
  await page.getByLabel('Signal').fill('sigkill');
  await page.getByRole('button', { name: 'Kill' }).click();
  await expect(page.getByTestId('container-state')).toHaveText('exited');
  await expect(page.getByTestId('kill-form')).toHaveCount(0);
  expect(docker('inspect', '-f', '{{.State.ExitCode}}', renamed)).toBe('137');

  // Remove with its anonymous volume.
  await page.getByLabel('Remove anonymous volumes').check();
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('with its anonymous volumes');
    void dialog.accept();
  });
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page).toHaveURL(/\/containers$/);
  expect(exists('container', renamed)).toBe(false);
  expect(exists('volume', volume)).toBe(false);
  for (const copy of copyNames) expect(exists('container', copy)).toBe(true); // copies are containers of their own
});

test('removing a running container without force is refused in words; with force it goes', async ({ page }) => {
  const name = `${run}-force`;
  startContainer(name);
  await signInAsAdmin(page);
  await openDetail(page, name);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByTestId('remove-error')).toContainText('cannot remove a running container');
  expect(exists('container', name)).toBe(true);
  await page.getByLabel('Force (stop it first)').check();
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page).toHaveURL(/\/containers$/);
  expect(exists('container', name)).toBe(false);
});

test('tag an image from the form and see the new tag; open its history', async ({ page }) => {
  // An image with a history of its own: busybox plus one committed layer.
  const builder = `${run}-builder`;
  docker('run', '--name', builder, '--label', label, image, 'sh', '-c', 'echo controls > /marker');
  docker('commit', builder, `${repository}:base`);
  const layers = docker('history', '-q', `${repository}:base`).split('\n').length;

  await signInAsAdmin(page);
  await page.goto('/images');
  const row = page.getByTestId('image-row').filter({ hasText: `${repository}:base` });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: 'Tag', exact: true }).click();
  const form = page.getByTestId('tag-form');
  await form.getByRole('textbox').fill('Not A Name:v1');
  await form.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByTestId('tag-error')).toContainText('Repository: Lower-case letters');
  await form.getByRole('textbox').fill(`${repository}:bad tag`);
  await form.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByTestId('tag-error')).toContainText('Tag: A tag: letters, digits');
  await form.getByRole('textbox').fill(`${repository}:v1`);
  await form.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByTestId('tag-done')).toHaveText(`Tagged ${repository}:v1`);
  await expect(row).toContainText(`${repository}:v1`);
  expect(docker('image', 'inspect', '-f', '{{.Id}}', `${repository}:v1`)).toBe(docker('image', 'inspect', '-f', '{{.Id}}', `${repository}:base`));

  await row.getByRole('button', { name: 'History' }).click();
  const history = page.getByTestId('image-history');
  await expect(history.getByTestId('history-layer')).toHaveCount(layers);
  await expect(history.getByTestId('history-layer').first()).toContainText('echo controls > /marker');
  await expect(history.getByTestId('history-layer').last()).toContainText(/\d+(\.\d)? (B|KiB|MiB)/);
  // Times read as "just now"; the exact day is on hover (the title) and in the time element.
  await expect(history.locator('time').first()).toHaveAttribute('title', new RegExp(new Date().toISOString().slice(0, 10)));
  await page.screenshot({ path: 'docs/screenshots/image-history.png', fullPage: true });
});

test('a viewer sees no change controls, can read an image history, and the API answers 403', async ({ page }) => {
  const name = `${run}-ro`;
  startContainer(name);
  await signInAsAdmin(page);
  await ensureAccount(page, 'vic', 'viewer-password-2', 'viewer');
  await page.context().clearCookies();
  await signInAndExpectDashboard(page, 'vic', 'viewer-password-2');
  await openDetail(page, name);
  await expect(page.getByTestId('container-state')).toHaveText('running');
  await expect(page.getByTestId('container-controls')).toHaveCount(0);
  for (const button of ['Rename', 'Change limits', 'Scale', 'Kill', 'Remove']) await expect(page.getByRole('button', { name: button })).toHaveCount(0);
  await expect(page.getByLabel('New name')).toHaveCount(0);

  await page.goto('/images');
  const row = page.getByTestId('image-row').filter({ hasText: `${repository}:base` });
  await expect(row).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Tag', exact: true })).toHaveCount(0);
  await row.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('image-history').getByTestId('history-layer').first()).toContainText('echo controls > /marker');

  const id = encodeURIComponent(name);
  const refused = [
    await page.request.post(`/api/v1/containers/${id}/rename`, { data: { name: `${run}-nope` } }),
    await page.request.post(`/api/v1/containers/${id}/update`, { data: { cpus: 0.5 } }),
    await page.request.post(`/api/v1/containers/${id}/scale`, { data: { count: 1 } }),
    await page.request.post(`/api/v1/containers/${id}/kill`, { data: { signal: 'SIGKILL' } }),
    await page.request.delete(`/api/v1/containers/${id}?force=true&volumes=true`),
    await page.request.post(`/api/v1/images/${encodeURIComponent(`${repository}:base`)}/tag`, { data: { repository, tag: 'nope' } }),
  ];
  expect(refused.map((response) => response.status())).toEqual([403, 403, 403, 403, 403, 403]);
  expect((await page.request.get(`/api/v1/images/${encodeURIComponent(`${repository}:base`)}/history`)).status()).toBe(200);
  expect(docker('inspect', '-f', '{{.Name}} {{.State.Status}} {{.HostConfig.NanoCpus}}', name)).toBe(`/${name} running 0`);
  expect(docker('ps', '-aq', '--filter', `label=io.shipyard.clone-of=${name}`)).toBe('');
  expect(exists('image', `${repository}:nope`)).toBe(false);
});
