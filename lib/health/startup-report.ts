import net from 'node:net';
import type { ShipyardConfig } from '@/lib/config/config';
import { EngineClient } from '@/lib/docker/engine-client';
import { systemCaller } from '@/lib/docker/engine-request';
import { EtcdStore } from '@/lib/etcd/store';
import { checkHealth, HEALTH_PROBE_KEY } from './check-health';

function tcpConnect(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

/** One line per service for the start-up log: up with its latency, or down with the fix. */
export async function startupReport(config: ShipyardConfig): Promise<string[]> {
  // Before the services exist: a client of its own, through the same gate, for one ping.
  const docker = EngineClient.connect(config.docker, { caller: systemCaller('startup-check') });
  const etcd = new EtcdStore({ endpoints: config.etcd.endpoints, prefix: '' });
  const firstDatabase = config.database.servers[0];
  try {
    const report = await checkHealth({
      docker: () => docker.ping(),
      etcd: () => etcd.get(HEALTH_PROBE_KEY),
      database: () => (firstDatabase ? tcpConnect(firstDatabase.host, firstDatabase.port) : Promise.reject(new Error('none'))),
    });
    const where = { docker: config.docker.url, etcd: config.etcd.endpoints.join(','), database: config.database.raw };
    return (['docker', 'etcd', 'database'] as const).map((name) => {
      const service = report.services[name];
      return service.up
        ? `shipyard: ${name} up at ${where[name]} (${service.latencyMs} ms)`
        : `shipyard: ${name} DOWN at ${where[name]}: ${service.message}; the console starts anyway`;
    });
  } finally {
    etcd.close();
  }
}
