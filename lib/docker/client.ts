import { readFileSync } from 'node:fs';
import Docker from 'dockerode';
import type { DockerEndpoint } from '@/lib/config/docker-endpoint';

/** Docker calls that take longer than this fail instead of hanging a page. */
const DOCKER_TIMEOUT_MS = 10_000;

export function createDockerClient(endpoint: DockerEndpoint): Docker {
  if (endpoint.kind === 'unix') return new Docker({ socketPath: endpoint.socketPath, timeout: DOCKER_TIMEOUT_MS });
  if (!endpoint.tls) {
    return new Docker({ host: endpoint.host, port: endpoint.port, protocol: 'http', timeout: DOCKER_TIMEOUT_MS });
  }
  return new Docker({
    host: endpoint.host,
    port: endpoint.port,
    protocol: 'https',
    ca: readFileSync(endpoint.tls.caPath),
    cert: readFileSync(endpoint.tls.certPath),
    key: readFileSync(endpoint.tls.keyPath),
    timeout: DOCKER_TIMEOUT_MS,
  });
}
