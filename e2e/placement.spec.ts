import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from './support/admin';

// The create form's placement choice and the live cluster view, on the stack's one engine: a
// container that asks for every free core gets them (other tests may pin a core of the shared
// engine), the cluster page shows it holding each, the next one is refused with the host's line,
// and the cores show free again when it is removed.
test.describe.configure({ mode: 'serial' });

const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const name = `e2e-place-${Date.now().toString(36)}`;

function docker(...args: string[]): string {
  return execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: 'pipe' }).trim();
}

test.afterAll(() => {
  try {
    docker('rm', '-f', name);
  } catch {
    // already removed by the test
  }
});

test('the create form places on any host with exclusive cores; the cluster page shows them held, then free, live', async ({ page }) => {
  const host = docker('info', '--format', '{{.Name}}');
  const cores = Number(docker('info', '--format', '{{.NCPU}}'));
  await signInAsAdmin(page);
  const before = await page.request.get('/api/v1/cluster');
  expect(before.status()).toBe(200);
  const { cluster } = (await before.json()) as { cluster: { hosts: { host: string; state: string; freeCores?: number }[] } };
  const free = cluster.hosts.find((entry) => entry.host === host)?.freeCores ?? 0;
  expect(free).toBeGreaterThan(0);
  await page.goto('/containers/new');
  const picker = page.getByLabel('Host', { exact: true });
  await expect(picker).toHaveValue('any:spread');
  await expect(picker.locator('option')).toHaveText([/^Any host \(spread/, /^Any host \(binpack/, new RegExp(`^${host} \\(${cores} cores\\)`)]);
  await page.getByLabel('Image').fill(image);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Command').fill('sleep 600');
  await page.getByLabel('Network').fill('bridge');
  await page.getByLabel('Exclusive cores').fill(String(free));
  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page).toHaveURL(/\/containers\/[0-9a-f]{64}\?host=/);
  const held = docker('inspect', '-f', '{{.HostConfig.CpusetCpus}}', name).split(',').map(Number);
  expect(held).toHaveLength(free);

  // Every core is held now: the next container asking for one is refused, with the host's line.
  await page.goto('/containers/new');
  await page.getByLabel('Host', { exact: true }).selectOption('any:binpack');
  await page.getByLabel('Image').fill(image);
  await page.getByLabel('Network').fill('bridge');
  await page.getByLabel('Exclusive cores').fill('1');
  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page.getByTestId('create-error')).toContainText('No host fits this container:');
  await expect(page.getByTestId('create-error')).toContainText(`${host}: no free core (all ${cores} held)`);

  await page.goto('/cluster');
  await expect(page.getByRole('heading', { name: 'Cluster' })).toBeVisible();
  await expect(page.getByTestId('cluster-strategy')).toHaveText('spread');
  const card = page.getByTestId(`cluster-host-${host}`);
  for (const core of held) {
    await expect(card.getByTestId(`core-${host}-${core}`)).toHaveAttribute('data-state', 'exclusive');
    await expect(card.getByTestId(`core-${host}-${core}`)).toHaveText(new RegExp(`${name}$`));
  }
  await expect(page.getByTestId('cluster-feed')).toHaveText('live');

  // Removed behind the page's back: its cores are free again without a reload.
  docker('rm', '-f', name);
  for (const core of held) await expect(card.getByTestId(`core-${host}-${core}`)).toHaveAttribute('data-state', 'free', { timeout: 15_000 });
});
