// Playwright against the multi-host lab (scripts/lab): the built console manages the lab's swarm
// through h1, lists every host's engine and reads the pools the lab's sidecars keep in the lab's
// etcd. tests/lab/run starts it with `scripts/lab env` sourced, after the vitest lab tests.
import path from 'node:path';
import { consoleTestConfig } from './e2e/support/console-test-config';
import { DEFAULT_PREFIX } from './lib/ipam/keys';

const env = process.env;
if (!env.SHIPYARD_LAB_DOCKERS || !env.SHIPYARD_LAB_MANAGER || !env.SHIPYARD_LAB_ETCD) {
  throw new Error('playwright.lab.config.ts needs the lab: `scripts/lab up`, then `source <(scripts/lab env)` (or run tests/lab/run)');
}
// LAB_REPORT_DIR (set by scripts/test) collects the JSON reports for the run's closing count.
const reportFile = path.join(env.LAB_REPORT_DIR ?? 'test-results', 'lab-e2e.json');

export default consoleTestConfig({
  testDir: 'e2e-lab',
  outputDir: 'test-results/lab',
  port: Number(env.LAB_E2E_PORT ?? 8091),
  timeout: 120_000,
  expectTimeout: 15_000,
  reportFile,
  databaseName: `lab_e2e_${Date.now()}`,
  env: {
    // The manager h1 is the console's engine; every host's engine is listed too.
    SHIPYARD_DOCKER: env.SHIPYARD_LAB_MANAGER,
    SHIPYARD_ENGINES: env.SHIPYARD_LAB_DOCKERS,
    // The lab's etcd cluster and the prefix its sidecars use (they run with the default --prefix).
    SHIPYARD_ETCD: env.SHIPYARD_LAB_ETCD,
    IPAM_CLUSTER_STORE: env.SHIPYARD_LAB_ETCD,
    IPAM_ETCD_PREFIX: DEFAULT_PREFIX,
    SHIPYARD_FLAT_NETWORK: env.SHIPYARD_LAB_NETWORK ?? 'shipyard-lab',
  },
});
