import 'server-only';
import { systemCaller } from '@/lib/docker/engine-request';
import { getServices } from '@/lib/server/services';
import { pingDatabase } from '@/prisma-free-db';
import { HEALTH_PROBE_KEY, type HealthProbes } from './check-health';

/** The real probes behind /api/health: one cheap round trip to each service. */
export function serviceProbes(): HealthProbes {
  const { docker, etcd, database } = getServices();
  return {
    docker: () => docker.as(systemCaller('health')).ping(),
    etcd: () => etcd.get(HEALTH_PROBE_KEY),
    database: () => pingDatabase(database),
  };
}
