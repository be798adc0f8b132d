import 'server-only';
import { systemCaller } from '@/lib/docker/engine-request';
import { ensureDatabaseReady, getServices } from '@/lib/server/services';
import { HEALTH_PROBE_KEY, type HealthProbes } from './check-health';
import { probeDatabase } from './database-probe';

/** The real probes behind /api/health: one cheap round trip to each service, and the database's tables. */
export function serviceProbes(): HealthProbes {
  const { docker, etcd, database } = getServices();
  return {
    docker: () => docker.as(systemCaller('health')).ping(),
    etcd: () => etcd.get(HEALTH_PROBE_KEY),
    database: () => probeDatabase(database, ensureDatabaseReady),
  };
}
