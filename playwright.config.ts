import { consoleTestConfig } from './e2e/support/console-test-config';

const port = Number(process.env.E2E_PORT ?? 8090);
export const baseURL = `http://127.0.0.1:${port}`;
// The console under test reads its own IPAM key prefix, never the demo's pools. Set once in the
// main process, so the workers (which load this file again) and the web server agree on it.
const ipamPrefix = (process.env.E2E_IPAM_PREFIX ??= `/shipyard-e2e/${port}-${Date.now()}/`);
// Flannel's keys too (ipam.spec writes leases there): never the cluster's real /coreos.com/network/.
const flannelPrefix = (process.env.E2E_FLANNEL_PREFIX ??= `/shipyard-e2e/${port}-${Date.now()}-flannel/`);

export default consoleTestConfig({
  testDir: 'e2e',
  port,
  timeout: 60_000,
  expectTimeout: 10_000,
  reportFile: 'test-results/playwright.json',
  databaseName: `e2e_${Date.now()}`,
  // Saved registries need a key of their own (never AUTH_SECRET): one per run unless given.
  env: { IPAM_ETCD_PREFIX: ipamPrefix, SHIPYARD_FLANNEL_PREFIX: flannelPrefix, SHIPYARD_REGISTRY_KEY: (process.env.SHIPYARD_REGISTRY_KEY ??= `e2e-registry-key-${port}-${Date.now()}-0123456789abcdef`) },
});
