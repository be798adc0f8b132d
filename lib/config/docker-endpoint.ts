import { existsSync } from 'node:fs';
import path from 'node:path';

export type DockerEndpoint =
  | { kind: 'unix'; url: string; socketPath: string }
  | { kind: 'tcp'; url: string; host: string; port: number; tls: DockerTls | null };

export interface DockerTls {
  caPath: string;
  certPath: string;
  keyPath: string;
}

/**
 * Parses SHIPYARD_DOCKER: unix:///var/run/docker.sock or tcp://host:port. TLS for tcp follows
 * the docker CLI's own variables, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem).
 */
export function parseDockerEndpoint(
  value: string,
  env: { DOCKER_TLS_VERIFY?: string; DOCKER_CERT_PATH?: string },
): DockerEndpoint | string[] {
  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length);
    if (!socketPath.startsWith('/')) return [`"${value}" needs an absolute socket path, e.g. unix:///var/run/docker.sock`];
    return { kind: 'unix', url: value, socketPath };
  }
  const tcp = /^tcp:\/\/([^:/\s]+|\[[0-9a-fA-F:.]+\]):(\d+)\/?$/.exec(value);
  if (!tcp || tcp[1] === undefined) {
    return [`"${value}" is not a Docker endpoint: use unix:///var/run/docker.sock or tcp://host:2376`];
  }
  const port = Number(tcp[2]);
  if (port < 1 || port > 65535) return [`port ${tcp[2]} is out of range (1 to 65535)`];
  const endpoint = { kind: 'tcp' as const, url: value, host: tcp[1].replace(/^\[|\]$/g, ''), port };
  const verify = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '' && env.DOCKER_TLS_VERIFY !== '0';
  if (!verify) return { ...endpoint, tls: null };
  if (!env.DOCKER_CERT_PATH) return ['DOCKER_TLS_VERIFY is set: also set DOCKER_CERT_PATH to the folder with ca.pem, cert.pem and key.pem'];
  const tls = {
    caPath: path.join(env.DOCKER_CERT_PATH, 'ca.pem'),
    certPath: path.join(env.DOCKER_CERT_PATH, 'cert.pem'),
    keyPath: path.join(env.DOCKER_CERT_PATH, 'key.pem'),
  };
  const missing = Object.values(tls).filter((file) => !existsSync(file));
  if (missing.length > 0) return missing.map((file) => `DOCKER_CERT_PATH: ${file} does not exist`);
  return { ...endpoint, tls };
}
