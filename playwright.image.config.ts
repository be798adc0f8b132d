import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/support/chromium';

// The console image (npm run image) run against the stack: e2e-image/support/console-container.ts
// starts it as a container with host networking on this port and removes it afterwards.
const port = Number(process.env.E2E_IMAGE_PORT ?? 8190);
process.env.E2E_IMAGE_PORT = String(port);

export default defineConfig({
  testDir: 'e2e-image',
  outputDir: 'test-results/image',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  globalSetup: './e2e-image/support/global-setup.ts',
  globalTeardown: './e2e-image/support/global-teardown.ts',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright-image.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
  },
});
