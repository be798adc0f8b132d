// Issue 14's console side and issue 17's network items: the network form (swarm-scoped flat kind,
// the project's IPAM driver, the pool state, the range in the same step or whom to ask), the
// network detail page, the service form's choices, service tasks and the address map on the IP
// allocations page, and no serious, critical or moderate axe finding on those pages.
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { ensureAccount, signInAsAdmin } from './support/admin';
import { deletePrefix, startPlugin, type PluginProcess } from './support/ipam-plugin';
import { signInAndExpectDashboard } from './support/sign-in';

const id = Date.now().toString(36);
const third = 100 + (Date.now() % 100);
const prefix = process.env.E2E_IPAM_PREFIX ?? '';
const swarmNet = `sye2e-sw-${id}`;
const service = `sye2e-svc-${id}`;
const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const dockerCli = (...args: string[]) => execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const quietly = (...args: string[]) => {
  try {
    dockerCli(...args);
  } catch {
    // already gone
  }
};
let plugin: PluginProcess | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  // A swarm-scoped bridge with Docker's default IPAM (the managed plugin is not on the stack),
  // made as the console makes the swarm flat network: config-only, then ConfigFrom on the manager.
  dockerCli('network', 'create', '--config-only', '--subnet', `10.194.${third}.0/24`, '--gateway', `10.194.${third}.1`, '--aux-address', `DefaultGatewayIPv4=10.194.${third}.254`, '-o', `com.docker.network.bridge.name=syd${id}`.slice(0, 48), '-o', 'com.docker.network.bridge.enable_ip_masquerade=false', `${swarmNet}-config`);
  dockerCli('network', 'create', '-d', 'bridge', '--scope', 'swarm', '--attachable', '--config-from', `${swarmNet}-config`, swarmNet);
  dockerCli('service', 'create', '--detach', '--name', service, '--network', swarmNet, '--replicas', '1', '--label', 'shipyard-test=e2e', image, 'sleep', '600');
});

test.afterAll(async () => {
  plugin?.stop();
  quietly('service', 'rm', service);
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      dockerCli('network', 'rm', swarmNet);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  // The host lets go of the swarm network's local copy a few seconds after the service: until then its config is in use.
  for (let attempt = 0; attempt < 60; attempt++) {
    try {
      dockerCli('network', 'rm', `${swarmNet}-config`);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  if (prefix.startsWith('/shipyard-e2e/')) await deletePrefix(prefix);
});

async function expectNoAxeFindings(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('h1').first()).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((violation) => ['moderate', 'serious', 'critical'].includes(violation.impact ?? ''));
  expect(serious.map((violation) => `${path}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The service's running task container: its name and its MAC on the swarm network. */
async function taskContainer(): Promise<{ name: string; mac: string }> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const name = dockerCli('ps', '--filter', `label=com.docker.swarm.service.name=${service}`, '--format', '{{.Names}}').split('\n')[0] ?? '';
    if (name) {
      const mac = dockerCli('inspect', '-f', `{{(index .NetworkSettings.Networks "${swarmNet}").MacAddress}}`, name);
      if (mac) return { name, mac: mac.toLowerCase() };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no running task of ${service}`);
}

test('the swarm flat kind names the missing managed plugin; the flat form shows the pool and adds its range in the same step', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/networks');
  const form = page.getByTestId('create-network-form');
  await form.getByLabel('Kind').selectOption('swarm-flat');
  await expect(form.getByTestId('swarm-flat-note')).toContainText('shipyard-ipam');
  await form.getByLabel('Name', { exact: true }).fill(`sye2e-sf-${id}`);
  await form.getByLabel('Subnet').fill(`10.193.${third}.0/24`);
  await expect(form.getByTestId('pool-state')).toHaveText(`No pool for 10.193.${third}.0/24 in etcd yet: containers on this network would get no address until a container range is added.`);
  await form.getByLabel('First container address').fill(`10.193.${third}.100`);
  await form.getByLabel('Last container address').fill(`10.193.${third}.109`);
  await form.getByLabel('Gateway', { exact: true }).fill(`10.193.${third}.254`);
  await form.getByLabel('Router (DefaultGatewayIPv4)').fill(`10.193.${third}.254`);
  await form.getByRole('button', { name: 'Create network' }).click();
  await expect(form.getByTestId('create-network-error')).toContainText('The IPAM driver shipyard-ipam:latest is not installed');
  await expect(form.getByTestId('create-network-error')).toContainText('must be installed and enabled on every host (docker plugin install');
  await expect(form.getByTestId('error-ipamDriver')).toContainText('docker plugin install');
  // The range went in first (an admin's ip-range): the pool now says so, and nothing is asked twice.
  await expect(form.getByTestId('pool-state')).toHaveText(`The pool 10.193.${third}.0/24: 10 of 10 container addresses free (10.193.${third}.100–10.193.${third}.109).`);
  await expect(form.getByTestId('range-step')).toHaveCount(0);

  // The local flat kind: the project's driver unless another is chosen, with its consequence in view.
  await form.getByLabel('Kind').selectOption('flat');
  await expect(form.getByText("talkingdata (the project's)")).toBeVisible();
  await expect(form.getByTestId('ipam-driver-warning')).toHaveCount(0);
  await form.getByLabel('use another IPAM driver (advanced)').check();
  await expect(form.getByTestId('ipam-driver-warning')).toContainText('will not appear on the IP allocations page');
  await expect(form.getByTestId('pool-state')).toContainText('Another IPAM driver keeps its own addresses');
  await page.screenshot({ path: 'docs/screenshots/network-form.png', fullPage: true });
});

test('an operator is told exactly whom to ask for a range, in the form', async ({ page }) => {
  await signInAsAdmin(page);
  await ensureAccount(page, `op-${id}`, 'operator-password-42', 'operator');
  await page.context().clearCookies();
  await signInAndExpectDashboard(page, `op-${id}`, 'operator-password-42');
  await page.goto('/networks');
  const form = page.getByTestId('create-network-form');
  await form.getByLabel('Subnet').fill(`10.192.${third}.0/24`);
  await expect(form.getByTestId('range-who')).toContainText(`Adding a container range needs the admin role: ask an admin to add one for 10.192.${third}.0/24`);
  await expect(form.getByLabel('First container address')).toHaveCount(0);
  await form.getByLabel('Kind').selectOption('swarm-flat');
  await expect(form.getByTestId('swarm-flat-admin')).toContainText('needs the admin role');
});

test('the network detail page shows settings, hosts, containers and service tasks; the service form offers the network', async ({ page }) => {
  await signInAsAdmin(page);
  const task = await taskContainer();
  await page.goto('/networks');
  await page.getByTestId(`network-${swarmNet}`).getByRole('link', { name: swarmNet }).click();
  await expect(page.getByRole('heading', { name: `Network ${swarmNet}` })).toBeVisible();
  await expect(page.getByTestId('network-scope')).toHaveText('swarm');
  await expect(page.getByTestId('network-driver')).toHaveText('bridge');
  await expect(page.getByTestId('network-masquerade')).toContainText('off');
  await expect(page.getByTestId('network-icc')).toContainText('on');
  await expect(page.getByTestId('network-subnet')).toHaveText(`10.194.${third}.0/24`);
  await expect(page.getByTestId('network-router')).toHaveText(`10.194.${third}.254`);
  await expect(page.getByTestId('network-config-from')).toContainText(`${swarmNet}-config`);
  await expect(page.getByTestId('network-hosts-summary')).toContainText('On 1 of');
  const taskRow = page.getByTestId(`network-task-${service}-1`);
  await expect(taskRow).toContainText(new RegExp(`10\\.194\\.${third}\\.\\d+`));
  await expect(taskRow).toContainText('running');
  await expect(page.getByTestId(`network-container-${task.name}`)).toContainText(`10.194.${third}.`);
  await page.screenshot({ path: 'docs/screenshots/network-detail.png', fullPage: true });

  await page.goto('/swarm');
  await expect(page.getByTestId('create-service-form').getByRole('checkbox', { name: swarmNet })).toBeVisible();
});

test('the IP allocations page: a service task beside containers, the address map by mouse and keyboard, live', async ({ page }) => {
  expect(prefix).not.toBe('');
  await signInAsAdmin(page);
  const task = await taskContainer();
  const net = `10.191.${third}`;
  const poolId = `${net}.0-24`;
  expect((await page.request.post('/api/v1/ipam/ranges', { data: { kind: 'container', start: `${net}.10/24`, end: `${net}.29/24` } })).status()).toBe(201);
  expect((await page.request.post('/api/v1/ipam/ranges', { data: { kind: 'host', start: `${net}.1/24`, end: `${net}.5/24`, gateway: `${net}.254` } })).status()).toBe(201);
  // The allocation carries the task container's MAC and the engine's host id, as the plugin on that host would record it.
  plugin = await startPlugin(prefix, dockerCli('info', '-f', '{{.Name}}'));
  expect((await plugin.call('/IpamDriver.RequestPool', { Pool: `${net}.0/24` })).status).toBe(200);
  const reply = await plugin.call('/IpamDriver.RequestAddress', { PoolID: poolId, Address: '', Options: { 'com.docker.network.endpoint.macaddress': task.mac } });
  expect(reply.status).toBe(200);
  const address = String(reply.body.Address).split('/')[0] ?? '';

  await page.goto('/ipam');
  await expect(page.getByTestId('ipam-feed')).toHaveText('live');
  const row = page.getByTestId(`allocation-${address}`);
  await expect(row.getByTestId('allocation-task')).toHaveText(new RegExp(`^${service} · slot 1 · .+$`));
  await expect(row).toContainText(task.name);

  const map = page.getByTestId(`address-map-${poolId}`);
  await expect(map.getByTestId('address-map-summary')).toContainText('1 service task');
  const cell = map.getByTestId(`cell-${address}`);
  await expect(cell).toHaveAttribute('data-state', 'task');
  await expect(map.getByTestId(`cell-${net}.254`)).toHaveAttribute('data-state', 'gateway');
  await expect(map.getByTestId(`cell-${net}.30`)).toHaveAttribute('data-state', 'outside');
  await cell.click();
  await expect(map.getByTestId('address-map-detail')).toContainText(`${address}: service task ${service}.1 on`);
  // Keyboard: the cell has focus; the arrow key moves to the next address and names its holder.
  await page.keyboard.press('ArrowRight');
  const next = `${net}.${Number(address.split('.')[3]) + 1}`;
  await expect(map.getByTestId(`cell-${next}`)).toBeFocused();
  await expect(map.getByTestId('address-map-detail')).toContainText(`${next}: free`);
  await expect(page.getByTestId(`pool-${poolId}`).getByTestId('pool-bar')).toHaveAttribute('aria-label', `Pool ${net}.0/24: 1 of 20 used (5 %)`);
  await expect(page.getByTestId(`pool-${poolId}`).getByTestId('pool-host-bars')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/ip-allocations-map.png', fullPage: true });

  // Live: freeing it (release-ip; Docker's own release would park it for its container) turns the cell free without a reload.
  expect((await page.request.post('/api/v1/ipam/release', { data: { address } })).status()).toBe(200);
  await expect(cell).toHaveAttribute('data-state', 'free');
  await expect(row).toHaveCount(0);

  await page.goto('/');
  await expect(page.getByTestId(`glance-pool-${poolId}`)).toContainText('0 / 20 used');
  await expect(page.getByTestId('glance-hosts')).toContainText('running of');
  await page.screenshot({ path: 'docs/screenshots/dashboard-glance.png', fullPage: true });
});

test('no serious, critical or moderate axe finding on /ipam, /networks, a network detail and the dashboard', async ({ page }) => {
  await signInAsAdmin(page);
  await expectNoAxeFindings(page, '/ipam');
  await expectNoAxeFindings(page, '/networks');
  await expectNoAxeFindings(page, `/networks/${swarmNet}`);
  await expectNoAxeFindings(page, '/');
});
