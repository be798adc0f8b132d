import { expect, test } from '@playwright/test';
import { signInAsAdmin } from '../e2e/support/admin';
import { consoleImage, containerName, docker, gatewayPort } from './support/console-container';

// The console image (npm run image) against the stack, started by ./support/global-setup.ts.
test.describe.configure({ mode: 'serial' });

const testImage = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const created = `syimage-e2e-${Date.now()}`;
const MB = 1_000_000;

test.afterAll(() => {
  try {
    docker('rm', '-f', created);
  } catch {
    // never created
  }
});

test('the console image is small, runs as uid 1000 and turns healthy by its own HEALTHCHECK', async () => {
  expect(Number(docker('image', 'inspect', '--format', '{{.Size}}', consoleImage))).toBeLessThanOrEqual(250 * MB);
  expect(docker('image', 'inspect', '--format', '{{.Config.User}} {{json .Config.Healthcheck.Test}}', consoleImage)).toBe(
    '1000:1000 ["CMD","node","dist/image-healthcheck.cjs"]',
  );
  // No state, secret or checkout came along through the build context.
  expect(docker('run', '--rm', '--entrypoint', 'node', consoleImage, '-e', "const fs=require('fs');console.log(['.state','.git','node_modules/.bin','node_modules/typescript','node_modules/tsx','next.config.js'].filter((p)=>fs.existsSync(p)).join(',') || 'clean')")).toBe('clean');
  await expect
    .poll(() => docker('inspect', '--format', '{{.State.Health.Status}}', containerName), { timeout: 45_000, intervals: [1000] })
    .toBe('healthy');
});

test('sign in as the admin and create a container through the console in the image; its console socket works', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/containers/new');
  await page.getByLabel('Image').fill(testImage);
  await page.getByLabel('Name').fill(created);
  await page.getByLabel('Command').fill('sleep 600');
  await page.getByLabel('Labels').fill('io.shipyard.test=e2e-image');
  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page.getByTestId('container-name')).toHaveText(created);
  await expect(page.getByTestId('container-state')).toHaveText('running');
  expect(docker('inspect', '--format', '{{.State.Running}} {{.Config.Image}}', created)).toBe(`true ${testImage}`);

  // The exec console is a WebSocket the bundled launcher upgrades beside Next.
  const consoleCard = page.getByTestId('console');
  await consoleCard.getByRole('button', { name: 'Connect' }).click();
  await expect(consoleCard.getByTestId('console-status')).toHaveText('open');
  await page.getByTestId('console-terminal').click();
  await page.keyboard.type('echo image-$((6 * 7))');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('console-terminal').locator('.xterm-rows > div').filter({ hasText: /^\s*image-42\s*$/ })).toHaveCount(1);
});

test('the Docker API gateway, switched on by its setting, answers from the image and wants a token', async () => {
  const response = await fetch(`http://127.0.0.1:${gatewayPort}/v1.41/containers/json`);
  expect(response.status).toBe(401);
});
