// Every page through axe-core (issue 17): no critical, serious or moderate violation, signed in as
// the admin (who sees every control) and on /login; and the actions are reachable by keyboard.
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signInAsAdmin } from './support/admin';


const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const suffix = `${process.env.E2E_PORT ?? 'port'}-${Date.now().toString(36)}`;
const container = `syax-${suffix}`;
const service = `syax-svc-${suffix}`;

function docker(...args: string[]): string {
  return execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: 'pipe' }).trim();
}

test.beforeAll(() => {
  docker('run', '-d', '--name', container, '--label', 'io.shipyard.test=axe', image, 'sh', '-c', 'echo ready; sleep 600');
  docker('service', 'create', '--detach', '--name', service, '--constraint', 'node.role==manager', image, 'sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait');
});

test.afterAll(() => {
  for (const remove of [() => docker('rm', '-f', container), () => docker('service', 'rm', service)]) {
    try {
      remove();
    } catch {
      // already gone
    }
  }
});

const BLOCKING = new Set(['critical', 'serious', 'moderate']);

/** The violations axe finds that matter, as "rule: target" lines (empty when the page passes). */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${node.failureSummary ?? ''}`));
}

const PAGES = [
  { path: '/', ready: 'Dashboard' },
  { path: '/containers', ready: 'Containers' },
  { path: '/containers/new', ready: 'Create a container' },
  { path: `/containers/${container}`, ready: container },
  { path: '/images', ready: 'Images' },
  { path: '/registries', ready: 'Registries' },
  { path: '/networks', ready: 'Networks' },
  { path: '/ipam', ready: null },
  { path: '/swarm', ready: 'Swarm nodes' },
  { path: `/swarm/services/${service}`, ready: service },
  { path: '/events', ready: 'Events' },
  { path: '/accounts', ready: null },
  { path: '/account/tokens', ready: null },
  { path: '/account/password', ready: null },
  { path: '/api-docs', ready: 'REST API' },
];

test('/login has no accessibility violation', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

for (const { path, ready } of PAGES) {
  test(`${path.replace(/syax-[^/]+/, '<name>')} has no accessibility violation`, async ({ page }) => {
    test.setTimeout(120_000); // axe walks the whole page: slow on a busy machine
    await signInAsAdmin(page);
    await page.goto(path);
    if (ready) await expect(page.getByRole('heading', { name: ready, exact: true }).first()).toBeVisible();
    await expect(page.locator('main')).toBeVisible();
    // Live pages fill in after the first render: let them settle before the check.
    await page.waitForLoadState('networkidle').catch(() => undefined);
    expect(await violations(page)).toEqual([]);
  });
}

/** Presses Tab until `target` has the focus (at most `limit` times); false if it never does. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, limit = 200): Promise<boolean> {
  for (let step = 0; step < limit; step += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return true;
  }
  return false;
}

test('the row actions, the service actions and the token form are reachable and usable by keyboard', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/containers');
  const restart = page.getByRole('button', { name: `Restart ${container}` });
  await expect(restart).toBeVisible();
  expect(await tabTo(page, restart)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`container-row-${container}`).getByTestId('container-state')).toHaveText('running', { timeout: 30_000 });

  await page.goto(`/swarm/services/${service}`);
  const edit = page.getByRole('button', { name: 'Edit' });
  expect(await tabTo(page, edit)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('edit-service-form')).toBeVisible();
  await expect(page.getByTestId('edit-service-form').getByLabel('Image', { exact: true })).toHaveValue(image);

  // Nothing clickable hides from the keyboard: every button and link on these pages can take the focus.
  for (const path of ['/containers', `/swarm/services/${service}`, '/swarm', '/account/tokens', '/networks', '/images', '/ipam']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    const unreachable = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role="button"], [onclick]')]
        .filter((element) => element.offsetParent !== null && !element.matches(':disabled'))
        .filter((element) => element.tabIndex < 0)
        .map((element) => element.outerHTML.slice(0, 120)),
    );
    expect(unreachable, path).toEqual([]);
  }
});
