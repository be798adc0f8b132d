import type { ShipyardConfig } from '@/lib/config/config';
import { EngineClient } from '@/lib/docker/engine-client';
import { systemCaller } from '@/lib/docker/engine-request';
import { checkEtcdAccess } from '@/lib/etcd/check-access';
import { EtcdStore } from '@/lib/etcd/store';
import { connectDatabase, pingDatabase } from '@/prisma-free-db/connection';
import { explainDatabaseRefusal } from './database-refusal';
import { checkHealth, HEALTH_PROBE_KEY } from './check-health';
import { checkDirectory, directoryReportLine } from './directory-health';

/**
 * One line per service for the start-up log: up with its latency, or down with the fix. A store
 * that refuses the console's credentials or certificates is named with the reason, in that line.
 */
export async function startupReport(config: ShipyardConfig): Promise<string[]> {
  // Before the services exist: a client of its own, through the same gate, for one ping.
  const docker = EngineClient.connect(config.docker, { caller: systemCaller('startup-check') });
  const etcd = new EtcdStore({ endpoints: config.etcd.endpoints, credentials: config.etcd.credentials, prefix: '' });
  const database = connectDatabase({
    servers: config.database.servers,
    db: config.database.name,
    credentials: config.database.credentials,
    queryTimeoutMs: 2_500,
    maxConnections: 1,
    log: () => undefined,
  });
  try {
    const report = await checkHealth({
      docker: () => docker.ping(),
      etcd: () => etcd.get(HEALTH_PROBE_KEY),
      database: () => pingDatabase(database),
    });
    const firstDatabase = config.database.servers[0];
    const [etcdAccess, databaseReason, directory] = await Promise.all([
      report.services.etcd.up ? null : checkEtcdAccess(etcd, config.etcd.variables),
      !report.services.database.up && firstDatabase ? explainDatabaseRefusal(firstDatabase, config.database.credentials) : null,
      config.ldap === null ? null : checkDirectory(config.ldap),
    ]);
    const etcdReason = etcdAccess && !etcdAccess.ok && etcdAccess.refused ? etcdAccess.line : null;
    const reasons = { docker: null, etcd: etcdReason, database: databaseReason };
    const where = { docker: config.docker.url, etcd: config.etcd.endpoints.join(','), database: config.database.raw };
    const lines = (['docker', 'etcd', 'database'] as const).map((name) => {
      const service = report.services[name];
      if (service.up) return `shipyard: ${name} up at ${where[name]} (${service.latencyMs} ms)`;
      const reason = reasons[name];
      return reason
        ? `shipyard: ${name} REFUSED: ${reason}; the console starts anyway`
        : `shipyard: ${name} DOWN at ${where[name]}: ${service.message}; the console starts anyway`;
    });
    // LDAP sign-in, when on: a directory down or refusing the service account is said at start.
    return config.ldap === null || directory === null ? lines : [...lines, directoryReportLine(config.ldap, directory)];
  } finally {
    etcd.close();
    await database.close();
  }
}
