import { expect, test } from '@playwright/test';
import { Etcd3 } from 'etcd3';
import { deletePrefix, startPlugin, type PluginProcess } from './support/ipam-plugin';
import { signInAsAdmin } from './support/admin';
import { signInAndExpectDashboard } from './support/sign-in';

const prefix = process.env.E2E_IPAM_PREFIX ?? '';
const net = `10.196.${200 + (Date.now() % 50)}`;
const poolId = `${net}.0-24`;
let plugin: PluginProcess | undefined;

const flannelPrefix = process.env.E2E_FLANNEL_PREFIX ?? '';

test.afterAll(async () => {
  plugin?.stop();
  if (prefix.startsWith('/shipyard-e2e/')) await deletePrefix(prefix);
  if (flannelPrefix.startsWith('/shipyard-e2e/')) await deletePrefix(flannelPrefix);
});

test('the IP allocations page shows an allocation appear and go without a reload', async ({ page }) => {
  expect(prefix).not.toBe('');
  await signInAsAdmin(page);

  // Ranges through the admin API (the same library as shipyard-ipam ip-range / host-range).
  const bad = await page.request.post('/api/v1/ipam/ranges', { data: { kind: 'host', start: `${net}.1/24`, end: `${net}.5/24` } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.fields).toEqual([expect.objectContaining({ path: 'gateway' })]);
  const added = await page.request.post('/api/v1/ipam/ranges', { data: { kind: 'container', start: `${net}.10/24`, end: `${net}.19/24` } });
  expect(added.status()).toBe(201);
  const overlap = await page.request.post('/api/v1/ipam/ranges', { data: { kind: 'container', start: `${net}.15/24`, end: `${net}.30/24` } });
  expect(overlap.status()).toBe(409);

  plugin = await startPlugin(prefix, `e2e-host-${Date.now()}`);
  expect((await plugin.call('/IpamDriver.RequestPool', { Pool: `${net}.0/24` })).status).toBe(200);

  await page.getByRole('link', { name: 'IP allocations' }).click();
  await expect(page.getByRole('heading', { name: 'IP allocations' })).toBeVisible();
  await expect(page.getByTestId('ipam-feed')).toHaveText('live');
  const pool = page.getByTestId(`pool-${poolId}`);
  await expect(pool.getByTestId('pool-used')).toHaveText('0 / 10 used');
  await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

  const mac = '02:42:0a:c4:00:01';
  const reply = await plugin.call('/IpamDriver.RequestAddress', { PoolID: poolId, Address: '', Options: { 'com.docker.network.endpoint.macaddress': mac } });
  expect(reply.status).toBe(200);
  const address = String(reply.body.Address).split('/')[0];
  const row = page.getByTestId(`allocation-${address}`);
  await expect(row).toContainText(mac);
  await expect(row).toContainText(poolId);
  await expect(pool.getByTestId('pool-used')).toHaveText('1 / 10 used');

  expect((await plugin.call('/IpamDriver.ReleaseAddress', { PoolID: poolId, Address: address })).status).toBe(200);
  await expect(row).toHaveCount(0);
  await expect(pool.getByTestId('pool-used')).toHaveText('0 / 10 used');
  // Still the same page: nothing reloaded it.
  expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
  await page.screenshot({ path: 'docs/screenshots/ip-allocations.png', fullPage: true });
});

test('a viewer reads the pools but may not change them', async ({ page }) => {
  await signInAsAdmin(page);
  const created = await page.request.post('/api/v1/accounts', { data: { username: 'ipam-viewer', password: 'viewer-password-1', role: 'viewer', mustChangePassword: false } });
  expect(created.status()).toBe(201);
  await page.context().clearCookies();
  await signInAndExpectDashboard(page, 'ipam-viewer', 'viewer-password-1');
  expect((await page.request.get('/api/v1/ipam/pools')).status()).toBe(200);
  const refused = await page.request.post('/api/v1/ipam/gc', { data: {} });
  expect(refused.status()).toBe(403);
});

test("Flannel's subnet leases appear read-only on the IP allocations page, live: added after load, gone when their etcd lease expires", async ({ page }) => {
  expect(flannelPrefix).toMatch(/^\/shipyard-e2e\//);
  await signInAsAdmin(page);
  await page.goto('/ipam');
  await expect(page.getByTestId('ipam-feed')).toHaveText('live');
  await expect(page.getByTestId('flannel')).toHaveCount(0);

  // What flanneld v2 writes (etcd v3 API): the network config, and each host's lease on an etcd lease.
  const etcd = new Etcd3({ hosts: (process.env.IPAM_CLUSTER_STORE ?? process.env.SHIPYARD_ETCD ?? 'http://127.0.0.1:2379').split(',') });
  try {
    await etcd.put(`${flannelPrefix}config`).value(JSON.stringify({ Network: '10.5.0.0/16', SubnetLen: 24, Backend: { Type: 'vxlan' } }));
    const lease = etcd.lease(3600, { autoKeepAlive: false });
    await lease.put(`${flannelPrefix}subnets/10.5.7.0-24`).value(JSON.stringify({ PublicIP: '192.168.50.21', BackendType: 'vxlan', BackendData: { VNI: 1, VtepMAC: '9e:2a:11:0c:7f:21' } }));

    // No reload: the page follows Flannel's keys through an etcd watch.
    const table = page.getByTestId('flannel-leases');
    await expect(page.getByTestId('flannel-network')).toHaveText('10.5.0.0/16');
    const row = table.getByTestId('flannel-lease-10.5.7.0/24');
    await expect(row).toContainText('192.168.50.21');
    await expect(row).toContainText('VtepMAC 9e:2a:11:0c:7f:21');
    await expect(row).toContainText(/59 min|1 h 0 min/);
    await expect(page.getByTestId('flannel').getByRole('button')).toHaveCount(0);

    const api = await page.request.get('/api/v1/ipam/flannel');
    expect(api.status()).toBe(200);
    expect((await api.json()).flannel.leases).toEqual([expect.objectContaining({ subnet: '10.5.7.0/24', publicIp: '192.168.50.21', backendType: 'vxlan' })]);

    // A host that stops renewing its lease: etcd drops the key when the lease expires, and so does the page.
    const brief = etcd.lease(3, { autoKeepAlive: false });
    await brief.put(`${flannelPrefix}subnets/10.5.8.0-24`).value(JSON.stringify({ PublicIP: '192.168.50.22', BackendType: 'vxlan', BackendData: { VNI: 1 } }));
    await expect(table.getByTestId('flannel-lease-10.5.8.0/24')).toContainText('192.168.50.22');
    await expect(table.getByTestId('flannel-lease-10.5.8.0/24')).toHaveCount(0, { timeout: 15_000 });
    await expect(row).toContainText('192.168.50.21');
    await lease.revoke();
    await expect(page.getByTestId('flannel')).toHaveCount(0);
  } finally {
    etcd.close();
  }
});
