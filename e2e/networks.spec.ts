import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from './support/admin';

const id = Date.now().toString(36);
const third = Date.now() % 100;
const name = `sye2e-net-${id}`;
const container = `sye2e-c-${id}`;
const dockerCli = (...args: string[]) => execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

test.afterAll(() => {
  for (const args of [['rm', '-f', container], ['network', 'rm', name]]) {
    try {
      dockerCli(...args);
    } catch {
      // already gone
    }
  }
});

test('an admin creates the flat network from the guided form; removal while in use is explained', async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept()); // removing asks first
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Networks' }).click();
  await expect(page.getByRole('heading', { name: 'Networks' })).toBeVisible();
  const form = page.getByTestId('create-network-form');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Subnet').fill(`10.196.${third}.0/24`);
  await form.getByLabel("Gateway: this host's address").fill('10.196.250.1');
  await form.getByLabel('Router (DefaultGatewayIPv4)').fill(`10.196.${third}.254`);
  await form.getByLabel('Bridge name').fill(`sye${id}`.slice(0, 15));
  await form.getByLabel('use another IPAM driver (advanced)').check();
  await form.getByLabel('IPAM driver', { exact: true }).fill('default');
  await form.getByRole('button', { name: 'Create network' }).click();
  await expect(form.getByText(`10.196.250.1 is outside the subnet 10.196.${third}.0/24`).first()).toBeVisible();
  // The field's own message marks its control (the error border), and only that control.
  await expect(form.getByLabel("Gateway: this host's address")).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Name', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel("Gateway: this host's address").fill(`10.196.${third}.1`);
  await form.getByRole('button', { name: 'Create network' }).click();
  const row = page.getByTestId(`network-${name}`);
  await expect(row).toContainText(`10.196.${third}.0/24`);
  await expect(row).toContainText(`router 10.196.${third}.254`);
  await expect(row).toContainText('bridge');

  dockerCli('run', '-d', '--name', container, '--label', 'shipyard-test=e2e', process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local', 'sleep', '600');
  const connect = page.getByTestId('connect-form');
  await connect.getByLabel('Network').selectOption(name);
  await connect.getByLabel('Container (name or id)').fill(container);
  await connect.getByLabel('Address (optional, connect only)').fill(`10.196.${third}.50`);
  await connect.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connect.getByTestId('connect-result')).toHaveText(`${container} connected`);
  await expect(row).toContainText(`${container} (10.196.${third}.50)`);
  await page.screenshot({ path: 'docs/screenshots/networks.png', fullPage: true });

  await row.getByRole('button', { name: `Remove ${name}` }).click();
  await expect(row.getByTestId('remove-network-error')).toContainText(`in use by 1 container(s): ${container}`);

  await connect.getByLabel('Network').selectOption(name);
  await connect.getByLabel('Container (name or id)').fill(container);
  await connect.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(connect.getByTestId('connect-result')).toHaveText(`${container} disconnected`);
  await expect(row).not.toContainText(`${container} (10.196.${third}.50)`);
  await row.getByRole('button', { name: `Remove ${name}` }).click();
  await expect(page.getByTestId(`network-${name}`)).toHaveCount(0);
});

test('the flat network on every engine at once: a result per host, then "already exists"', async ({ page }) => {
  const everywhere = `sye2e-all-${id}`;
  const subnet = `10.197.${third}.0/24`;
  try {
    await signInAsAdmin(page);
    await page.goto('/networks');
    const form = page.getByTestId('create-network-form');
    await form.getByLabel('Create on').selectOption('all');
    await form.getByLabel('Name', { exact: true }).fill(everywhere);
    await form.getByLabel('Subnet').fill(subnet);
    await form.getByLabel("Gateway: this host's address").fill(`10.197.${third}.1`);
    const perHost = form.getByLabel(/^Gateway on /);
    await expect(perHost.first()).toBeVisible();
    await perHost.first().fill(`10.197.${third}.2`);
    await form.getByLabel('Router (DefaultGatewayIPv4)').fill(`10.197.${third}.254`);
    await form.getByLabel('Bridge name').fill(`syf${id}`.slice(0, 15));
    await form.getByLabel('use another IPAM driver (advanced)').check();
    await form.getByLabel('IPAM driver', { exact: true }).fill('default');
    await form.getByRole('button', { name: 'Create network' }).click();
    const results = form.getByTestId('create-network-results');
    await expect(results).toContainText(/created on \d+ of \d+ host\(s\)/);
    await expect(results.getByRole('listitem').first()).toContainText(`created ${everywhere} (${subnet}, gateway 10.197.${third}.2)`);
    await expect(page.getByTestId(`network-${everywhere}`)).toContainText(`router 10.197.${third}.254`);

    await form.getByRole('button', { name: 'Create network' }).click();
    await expect(results.getByRole('listitem').first()).toContainText(`already exists (${subnet}, gateway 10.197.${third}.2): left as it is`);
    await expect(results.getByRole('listitem').first()).toHaveAttribute('data-outcome', 'exists');
    await expect(results).toContainText('created on 0 of');
  } finally {
    try {
      dockerCli('network', 'rm', everywhere);
    } catch {
      // not created
    }
  }
});
