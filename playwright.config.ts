import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/support/chromium';

const port = Number(process.env.E2E_PORT ?? 8090);
export const baseURL = `http://127.0.0.1:${port}`;
// The console under test reads its own IPAM key prefix, never the demo's pools. Set once in the
// main process, so the workers (which load this file again) and the web server agree on it.
process.env.E2E_IPAM_PREFIX ??= `/shipyard-e2e/${port}-${Date.now()}/`;
// Flannel's keys too (ipam.spec writes leases there): never the cluster's real /coreos.com/network/.
process.env.E2E_FLANNEL_PREFIX ??= `/shipyard-e2e/${port}-${Date.now()}-flannel/`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: chromiumArgs,
    },
  },
  webServer: {
    command: 'npx tsx scripts/serve.ts',
    url: `${baseURL}/login`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      ...(process.env as Record<string, string>),
      SHIPYARD_LISTEN: `127.0.0.1:${port}`,
      // A database of its own, so the run starts from the first-admin seed every time.
      SHIPYARD_DATABASE_NAME: `e2e_${Date.now()}`,
      IPAM_ETCD_PREFIX: process.env.E2E_IPAM_PREFIX,
      SHIPYARD_FLANNEL_PREFIX: process.env.E2E_FLANNEL_PREFIX,
    },
  },
});
