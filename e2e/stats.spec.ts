import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from './support/admin';

const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const name = `sye2e-charts-${process.env.E2E_PORT ?? 'port'}-${Date.now()}`;

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

test('a running container draws live CPU, per-core, memory, network and block I/O charts from the stats stream', async ({ page }) => {
  docker('run', '-d', '--name', name, '--label', 'io.shipyard.test=e2e-charts', '--cpuset-cpus', '0', '--stop-timeout', '1', image, 'sh', '-c', 'while :; do :; done');
  await signInAsAdmin(page);
  await page.goto(`/containers/${name}`);
  await expect(page.getByTestId('container-state')).toHaveText('running');
  await expect(page.getByTestId('stats-status')).toHaveText('live');

  // Each chart draws a line (a path with points), the CPU line among them.
  for (const chart of ['cpu', 'cores', 'memory', 'network', 'block']) {
    await expect(page.getByTestId(`chart-${chart}`).locator('path[d^="M"]').first()).toBeAttached();
  }
  // Only the cores of its cpuset (issue 17): one line for --cpuset-cpus 0, and percentages of that core.
  await expect(page.getByTestId('chart-cores').locator('path.chart-line')).toHaveCount(1);
  await expect(page.getByTestId('stats-core-1')).toHaveCount(0);
  await expect(page.getByTestId('stats-cpu-of')).toHaveText('of its 1 core (cpuset 0)');
  await expect
    .poll(async () => Number((await page.getByTestId('stats-cpu').textContent())?.replace(' %', '')), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await expect(page.getByTestId('stats-memory')).toHaveText(/^\d+(\.\d)? [KMG]?i?B \/ \d+(\.\d)? [KMGT]i?B$/);
  await expect(page.getByTestId('stats-core-0')).toHaveText(/^0: \d+ %$/);
  const rate = String.raw`\d+(\.\d)? (B|KiB|MiB|GiB)/s$`;
  await expect(page.getByTestId('stats-network-rx')).toHaveText(new RegExp(`^↓ ${rate}`));
  await expect(page.getByTestId('stats-network-tx')).toHaveText(new RegExp(`^↑ ${rate}`));
  await expect(page.getByTestId('stats-block-read')).toHaveText(new RegExp(`^read ${rate}`));
  await expect(page.getByTestId('stats-block-write')).toHaveText(new RegExp(`^write ${rate}`));
  // The line grows as samples arrive (one a second).
  const points = async () => ((await page.getByTestId('chart-cpu').locator('path.chart-line').getAttribute('d')) ?? '').split('L').length;
  const before = await points();
  await expect.poll(points, { timeout: 10_000 }).toBeGreaterThan(before);
  await expect.poll(points, { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
  await page.screenshot({ path: 'docs/screenshots/container-stats.png', fullPage: true });

  // The container stops: the panel says so instead of drawing zeros.
  docker('kill', name);
  await expect(page.getByTestId('stats-error')).toHaveText(/running|stopped/, { timeout: 20_000 });
  // Started again, the panel reconnects by itself and the charts carry on.
  docker('start', name);
  await expect(page.getByTestId('stats-status')).toHaveText('live', { timeout: 20_000 });
  await expect(page.getByTestId('stats-error')).toHaveCount(0, { timeout: 20_000 });

  docker('rm', '-f', name);
  expect(() => docker('inspect', name)).toThrow();
});

test('the stream of a stopped container is a 409 that says to start it', async ({ page }) => {
  docker('create', '--name', `${name}-idle`, '--label', 'io.shipyard.test=e2e-charts', image, 'true');
  try {
    await signInAsAdmin(page);
    const refused = await page.request.get(`/api/v1/containers/${name}-idle/stats/stream`);
    expect(refused.status()).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(`${name}-idle is not running (created): start it to see its stats`);
    expect((await page.request.get('/api/v1/containers/no-such-container-here/stats/stream')).status()).toBe(404);
  } finally {
    docker('rm', '-f', `${name}-idle`);
  }
});
