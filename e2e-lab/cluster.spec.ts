// The create form's "any host" against the three lab hosts: containers with a core of their own
// spread over the hosts, a constraint pins one to h1, and the cluster page shows each host's cores
// with the container holding each (the screenshot in docs/placement.md).
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from '../e2e/support/admin';
import { dockerUrls, engine, image, uniqueName } from './support/lab';

const names = [uniqueName('sylab-core-a'), uniqueName('sylab-core-b'), uniqueName('sylab-core-c'), uniqueName('sylab-core-h1')];

test.afterAll(async () => {
  for (const [index] of dockerUrls.entries()) {
    for (const name of names) {
      await engine(index + 1)
        .getContainer(name)
        .remove({ force: true })
        .catch(() => undefined);
    }
  }
});

test('containers with exclusive cores spread over the lab; the cluster page shows who holds each core', async ({ page }) => {
  expect(dockerUrls).toHaveLength(3);
  await signInAsAdmin(page);
  const hosts: string[] = [];
  for (const [index, name] of names.entries()) {
    await page.goto('/containers/new');
    await expect(page.getByLabel('Host', { exact: true })).toHaveValue('any:spread');
    await page.getByLabel('Image').fill(image);
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Command').fill('sleep 600');
    await page.getByLabel('Exclusive cores').fill('1');
    if (index === 3) await page.getByLabel('Environment').fill('constraint:node==h1');
    await page.getByRole('button', { name: 'Create and start' }).click();
    await expect(page).toHaveURL(/\/containers\/[0-9a-f]{64}\?host=/);
    hosts.push(new URL(page.url()).searchParams.get('host') ?? '');
  }
  // Spread: one on each host first; the constrained one on h1.
  expect(new Set(hosts.slice(0, 3))).toEqual(new Set(['h1', 'h2', 'h3']));
  expect(hosts[3]).toBe('h1');

  await page.goto('/cluster');
  await expect(page.getByTestId('cluster-feed')).toHaveText('live');
  const h1 = page.getByTestId('cluster-host-h1');
  await expect(h1.locator('[data-state="exclusive"]')).toHaveCount(2);
  for (const host of ['h2', 'h3']) await expect(page.getByTestId(`cluster-host-${host}`).locator('[data-state="exclusive"]')).toHaveCount(1);
  for (const name of names) await expect(page.getByText(name, { exact: true })).toHaveCount(1);
  await page.screenshot({ path: 'docs/screenshots/cluster.png', fullPage: true });
});
