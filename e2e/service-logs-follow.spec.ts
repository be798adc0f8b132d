// Following a swarm service's logs in Chromium: a line written into a task after Follow was
// ticked appears without Refresh. The service is the stack's real swarm, made with the docker CLI.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from './support/admin';

const id = Date.now().toString(36);
const service = `swlogs-e2e-livefix-${id}`;
const marker = `followed-line-${id}`;
const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const dockerCli = (...args: string[]) => execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

test.afterAll(() => {
  try {
    dockerCli('service', 'rm', service);
  } catch {
    // never created
  }
});

test('Follow streams a service task line written after it began, and unticking it brings Refresh back', async ({ page }) => {
  test.setTimeout(90_000);
  dockerCli('service', 'create', '--detach', '--name', service, '--constraint', 'node.role==manager', image,
    'sh', '-c', 'i=0; trap "exit 0" TERM; while :; do echo tick-$i; i=$((i+1)); sleep 1; done');
  let task = '';
  await expect(async () => {
    task = dockerCli('ps', '-q', '--filter', `label=com.docker.swarm.service.name=${service}`).split('\n')[0] ?? '';
    expect(task).not.toBe('');
  }).toPass({ timeout: 30_000 });

  await signInAsAdmin(page);
  await page.goto(`/swarm/services/${service}`);
  const lines = page.getByTestId('service-log-lines');
  await page.getByTestId('service-logs-follow').check();
  await expect(lines).toHaveAttribute('data-following', 'true');
  await expect(page.getByRole('button', { name: 'Refresh logs' })).toHaveCount(0);
  await expect(lines).toContainText('tick-');
  await expect(lines).not.toContainText(marker);

  dockerCli('exec', task, 'sh', '-c', `echo ${marker} > /proc/1/fd/1`);
  await expect(lines).toContainText(marker, { timeout: 10_000 });
  // The ticks keep arriving after it: the page is following, not showing a snapshot.
  const count = async () => (await lines.textContent())?.split('\n').filter((line) => /(^|\| )tick-\d+$/.test(line)).length ?? 0;
  const before = await count();
  await expect.poll(count, { timeout: 10_000 }).toBeGreaterThan(before);
  await expect(page.getByTestId('service-logs').getByRole('alert')).toHaveCount(0);

  await page.getByTestId('service-logs-follow').uncheck();
  await expect(page.getByRole('button', { name: 'Refresh logs' })).toBeVisible();
  await expect(lines).toContainText(marker);
});
