import { expect, test } from '@playwright/test';
import { startConsole, type ConsoleProcess } from './support/console-process';
import { signInAsAdmin } from './support/admin';

// etcd pointed at a port where nothing listens: the console must start, say so, and still work.
let console_: ConsoleProcess;

test.beforeAll(async () => {
  console_ = await startConsole(Number(process.env.E2E_PORT ?? 8090) + 1, {
    SHIPYARD_ETCD: 'http://127.0.0.1:1',
    SHIPYARD_DATABASE_NAME: `e2e_degraded_${Date.now()}`,
  });
});

test.afterAll(async () => {
  await console_.stop();
});

test('the console starts with etcd down and says which service and what to check', async ({ page, request }) => {
  expect(console_.output()).toMatch(/shipyard: etcd DOWN at http:\/\/127\.0\.0\.1:1: etcd does not answer: check SHIPYARD_ETCD/);
  expect(console_.output()).toMatch(/shipyard: docker up at unix:\/\//);

  const health = await request.get(`${console_.url}/api/health`);
  expect(health.status()).toBe(503);
  const body = await health.json();
  expect(body.status).toBe('degraded');
  expect(body.services.etcd).toMatchObject({ up: false, message: expect.stringContaining('SHIPYARD_ETCD') });
  expect(body.services.docker.up).toBe(true);
  expect(body.services.database.up).toBe(true);

  await signInAsAdmin(page, console_.url);
  await expect(page.getByTestId('health-etcd')).toContainText('down');
  await expect(page.getByTestId('health-etcd')).toContainText('check SHIPYARD_ETCD');
  await expect(page.getByTestId('engine-version')).not.toBeEmpty();
});
