// The IP allocations page against the lab: containers started on h2 and h3 (each through its own
// engine, on the lab's flat network, so each host's sidecar allocates from the lab's etcd) show
// up and go without a reload; then the lab's etcd cluster is restarted under the open page.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signInAsAdmin } from '../e2e/support/admin';
import { labPid, labScript, removeContainer, startFlatContainer, uniqueName } from './support/lab';

const started: { host: number; name: string }[] = [];

test.afterAll(async () => {
  for (const { host, name } of started) await removeContainer(host, name);
});

async function openAllocations(page: Page): Promise<void> {
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'IP allocations' }).click();
  await expect(page.getByRole('heading', { name: 'IP allocations' })).toBeVisible();
  await expect(page.getByTestId('ipam-feed')).toHaveText('live');
  // Set on the page's window: gone if anything reloaded the page.
  await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
}

async function expectNotReloaded(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
}

/** Starts a container on `host`, expects its row within `withinMs`, removes it and expects the row gone. */
async function appearsAndGoes(page: Page, host: number, withinMs: number): Promise<void> {
  const name = uniqueName(`sylab-ipam-h${host}`);
  started.push({ host, name });
  const { container, address, mac } = await startFlatContainer(host, name);
  const row = page.getByTestId(`allocation-${address}`);
  await expect(row).toBeVisible({ timeout: withinMs });
  await expect(row).toContainText(mac);
  await expect(row).toContainText(`h${host}`);
  await container.remove({ force: true });
  await expect(row).toHaveCount(0, { timeout: withinMs });
}

test('containers started on h2 and on h3 appear on the open page within a second and go when removed', async ({ page }) => {
  await openAllocations(page);
  for (const host of [2, 3]) await appearsAndGoes(page, host, 1_000);
  await expectNotReloaded(page);
});

test('the open page catches up after the lab etcd cluster is restarted', async ({ page }) => {
  test.setTimeout(240_000);
  await openAllocations(page);
  await appearsAndGoes(page, 2, 1_000);

  // Every member the console reads (SHIPYARD_ETCD is the whole lab cluster) goes down...
  const members = (process.env.SHIPYARD_LAB_ETCD ?? '').split(',').map((_, index) => `etcd${index}`);
  expect(members.length).toBeGreaterThan(0);
  const pids = members.map(labPid);
  for (const pid of pids) process.kill(pid, 'SIGTERM');
  await expect.poll(() => pids.filter(isRunning), { timeout: 60_000 }).toEqual([]);
  // Meanwhile the API says etcd is down and how to check it (503, never a bare 500).
  const down = await page.request.get('/api/v1/ipam/pools');
  expect(down.status()).toBe(503);
  expect((await down.json()).error).toMatchObject({ code: 'ETCD_UNAVAILABLE', message: expect.stringContaining('endpoint health') });
  // ...and `scripts/lab up` starts them again (on their data) and waits until the cluster is healthy.
  await labScript(['up']);

  // The page was not reloaded; a container started after the restart still appears on it.
  await expect(page.getByTestId('ipam-feed')).toHaveText('live', { timeout: 30_000 });
  const name = uniqueName('sylab-ipam-after');
  started.push({ host: 3, name });
  const { container, address } = await startWhenSidecarIsBack(3, name);
  const row = page.getByTestId(`allocation-${address}`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('h3');
  await container.remove({ force: true });
  await expect(row).toHaveCount(0);
  await expectNotReloaded(page);
});

/** Whether the process runs; a zombie (exited, not yet reaped by init) does not. */
function isRunning(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== undefined && state !== 'Z';
  } catch {
    return false;
  }
}

/** The host's sidecar reconnects to etcd on its own schedule: retry the start for a while. */
async function startWhenSidecarIsBack(host: number, name: string): ReturnType<typeof startFlatContainer> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await startFlatContainer(host, name);
    } catch (error) {
      await removeContainer(host, name);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
