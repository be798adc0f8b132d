import { withTimeout } from '@/lib/async/with-timeout';

export type ServiceName = 'docker' | 'etcd' | 'database';

export interface ServiceHealth {
  up: boolean;
  /** Up but not fit for use (e.g. a database without the console's tables); absent when usable or down. */
  usable?: false;
  latencyMs: number;
  /** When down: what is wrong and which setting to check. Never an address or a secret. */
  message?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  services: Record<ServiceName, ServiceHealth>;
}

export type HealthProbes = Record<ServiceName, () => Promise<unknown>>;

const PROBE_TIMEOUT_MS = 2_500;

/** Thrown by a probe whose service answers but cannot serve the console; the message says why and what to do. */
export class ServiceUnusableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceUnusableError';
  }
}

/** A key nobody writes: reading it is one cheap round trip to etcd. */
export const HEALTH_PROBE_KEY = 'shipyard/health-probe';

const fixes: Record<ServiceName, string> = {
  docker: 'The Docker engine does not answer: check SHIPYARD_DOCKER and that dockerd is running',
  etcd: 'etcd does not answer: check SHIPYARD_ETCD (or IPAM_CLUSTER_STORE) and that etcd is running',
  database: 'The database does not answer: check SHIPYARD_DATABASE and that RethinkDB is running',
};

async function probe(name: ServiceName, run: () => Promise<unknown>): Promise<ServiceHealth> {
  const started = performance.now();
  try {
    await withTimeout(run(), PROBE_TIMEOUT_MS, 'timed out');
    return { up: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    if (error instanceof ServiceUnusableError) return { up: true, usable: false, latencyMs, message: error.message };
    return { up: false, latencyMs, message: fixes[name] };
  }
}

/** Probes the three services at once; each is bounded so the report comes back in seconds. */
export async function checkHealth(probes: HealthProbes): Promise<HealthReport> {
  const [docker, etcd, database] = await Promise.all([
    probe('docker', probes.docker),
    probe('etcd', probes.etcd),
    probe('database', probes.database),
  ]);
  const services = { docker, etcd, database };
  const fine = (service: ServiceHealth) => service.up && service.usable !== false;
  return { status: fine(docker) && fine(etcd) && fine(database) ? 'ok' : 'degraded', services };
}
