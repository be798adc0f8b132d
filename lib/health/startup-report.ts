import type { ShipyardConfig } from '@/lib/config/config';
import { createDockerClient } from '@/lib/docker/client';
import { explainEtcdRefusal } from '@/lib/etcd/explain-refusal';
import { EtcdStore } from '@/lib/etcd/store';
import { connectDatabase, pingDatabase } from '@/prisma-free-db/connection';
import { explainDatabaseRefusal } from '@/prisma-free-db/explain-refusal';
import { checkHealth, HEALTH_PROBE_KEY } from './check-health';

/**
 * One line per service for the start-up log: up with its latency, or down with the fix. A store
 * that refuses the console's credentials or certificates is named with the reason, in that line.
 */
export async function startupReport(config: ShipyardConfig): Promise<string[]> {
  const docker = createDockerClient(config.docker);
  const etcd = new EtcdStore({ endpoints: config.etcd.endpoints, credentials: config.etcd.credentials, prefix: '' });
  const database = connectDatabase({
    servers: config.database.servers,
    db: config.database.name,
    credentials: config.database.credentials,
    queryTimeoutMs: 2_500,
    maxConnections: 1,
    log: () => undefined,
  });
  let etcdFailure = '';
  try {
    const report = await checkHealth({
      docker: () => docker.ping(),
      etcd: () =>
        etcd.get(HEALTH_PROBE_KEY).catch((error: unknown) => {
          etcdFailure = error instanceof Error ? error.message : String(error);
          throw error;
        }),
      database: () => pingDatabase(database),
    });
    const firstEtcd = config.etcd.endpoints[0];
    const firstDatabase = config.database.servers[0];
    const [etcdReason, databaseReason] = await Promise.all([
      !report.services.etcd.up && firstEtcd ? explainEtcdRefusal(firstEtcd, config.etcd.credentials) : null,
      // A wrong etcd user or password: the store's own error says so (lib/etcd/store.ts).
      !report.services.database.up && firstDatabase ? explainDatabaseRefusal(firstDatabase, config.database.credentials) : null,
    ]);
    const etcdAuthRefusal = / refused the user /.test(etcdFailure) ? (etcdFailure.split(': check')[0] ?? etcdFailure) + ': check SHIPYARD_ETCD_USERNAME and SHIPYARD_ETCD_PASSWORD' : null;
    const reasons = { docker: null, etcd: etcdReason ?? etcdAuthRefusal, database: databaseReason };
    const where = { docker: config.docker.url, etcd: config.etcd.endpoints.join(','), database: config.database.raw };
    return (['docker', 'etcd', 'database'] as const).map((name) => {
      const service = report.services[name];
      if (service.up) return `shipyard: ${name} up at ${where[name]} (${service.latencyMs} ms)`;
      const reason = reasons[name];
      return reason
        ? `shipyard: ${name} REFUSED: ${reason}; the console starts anyway`
        : `shipyard: ${name} DOWN at ${where[name]}: ${service.message}; the console starts anyway`;
    });
  } finally {
    etcd.close();
    await database.close();
  }
}
