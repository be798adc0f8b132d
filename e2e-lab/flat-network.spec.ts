// The networks page's "every engine" choice against the three lab hosts: one flat network per
// host, each read back from that host's own engine, then removed from every host.
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from '../e2e/support/admin';
import { dockerUrls, engine, uniqueName } from './support/lab';

const name = uniqueName('sylab-net');
// 10.199.x: clear of the lab segment (10.198.0.0/24) and of the hosts' docker0 (172.31.x).
const third = 100 + (Date.now() % 100);
const subnet = `10.199.${third}.0/24`;
const bridge = `sylab${Date.now().toString(36)}`.slice(0, 15);

async function removeEverywhere(): Promise<void> {
  for (const [index] of dockerUrls.entries()) {
    try {
      await engine(index + 1).getNetwork(name).remove();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
  }
}

test.afterAll(removeEverywhere);

test('a flat network made from the networks page on every engine exists on all three hosts', async ({ page }) => {
  expect(dockerUrls).toHaveLength(3);
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Networks' }).click();
  const form = page.getByTestId('create-network-form');
  await form.getByLabel('Create on').selectOption('all');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Subnet').fill(subnet);
  await form.getByLabel("Gateway: this host's address").fill(`10.199.${third}.1`);
  // Each host its own address on the network, like the lab's br0 (.1, .2, .3).
  for (const host of [1, 2, 3]) await form.getByLabel(`Gateway on h${host} `).fill(`10.199.${third}.${host}`);
  await form.getByLabel('Router (DefaultGatewayIPv4)').fill(`10.199.${third}.254`);
  await form.getByLabel('Bridge name').fill(bridge);
  await form.getByLabel('use another IPAM driver (advanced)').check();
  await form.getByLabel('IPAM driver', { exact: true }).fill('default');
  await form.getByRole('button', { name: 'Create network' }).click();

  const results = form.getByTestId('create-network-results');
  await expect(results).toContainText('created on 3 of 3 host(s)');
  for (const host of [1, 2, 3]) {
    await expect(results.getByTestId(`network-result-h${host}`)).toHaveAttribute('data-outcome', 'created');
    await expect(results.getByTestId(`network-result-h${host}`)).toContainText(`gateway 10.199.${third}.${host}`);
  }

  // Read back from each host's own engine, not through the console.
  for (const host of [1, 2, 3]) {
    const info = await engine(host).getNetwork(name).inspect();
    expect(info.Driver).toBe('bridge');
    expect(info.Options?.['com.docker.network.bridge.name']).toBe(bridge);
    expect(info.IPAM?.Config).toEqual([expect.objectContaining({ Subnet: subnet, Gateway: `10.199.${third}.${host}` })]);
    expect(info.IPAM?.Config?.[0]?.AuxiliaryAddresses).toEqual({ DefaultGatewayIPv4: `10.199.${third}.254` });
  }

  await removeEverywhere();
  for (const host of [1, 2, 3]) {
    const names = (await engine(host).listNetworks()).map((network) => network.Name);
    expect(names).not.toContain(name);
  }
  await page.reload();
  await expect(page.getByTestId(`network-${name}`)).toHaveCount(0);
});
