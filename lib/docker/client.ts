import { readFileSync } from 'node:fs';
// First: it keeps dockerode from loading parts Shipyard never uses (see the file).
import './dockerode-lean';
import Docker from 'dockerode';
import type { DockerEndpoint } from '@/lib/config/docker-endpoint';

/** Docker calls that take longer than this fail instead of hanging a page. */
const DOCKER_TIMEOUT_MS = 10_000;

/**
 * A client for one engine. `timeoutMs: 0` is for long-lived streams (followed logs, events),
 * which the default timeout would cut after 10 s of silence.
 */
export function createDockerClient(endpoint: DockerEndpoint, options: { timeoutMs?: number } = {}): Docker {
  const timeout = options.timeoutMs ?? DOCKER_TIMEOUT_MS;
  if (endpoint.kind === 'unix') return new Docker({ socketPath: endpoint.socketPath, ...(timeout > 0 ? { timeout } : {}) });
  if (!endpoint.tls) {
    return new Docker({ host: endpoint.host, port: endpoint.port, protocol: 'http', ...(timeout > 0 ? { timeout } : {}) });
  }
  return new Docker({
    host: endpoint.host,
    port: endpoint.port,
    protocol: 'https',
    ca: readFileSync(endpoint.tls.caPath),
    cert: readFileSync(endpoint.tls.certPath),
    key: readFileSync(endpoint.tls.keyPath),
    ...(timeout > 0 ? { timeout } : {}),
  });
}
