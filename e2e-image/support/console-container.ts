import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The stack's engine (never the system's): the image runs there, as the console's own engine. */
export function docker(...args: string[]): string {
  const engine = process.env.SHIPYARD_DOCKER;
  if (!engine) throw new Error('SHIPYARD_DOCKER is not set: source the stack environment (.state/env)');
  return execFileSync('docker', ['-H', engine, ...args], { encoding: 'utf8', stdio: 'pipe' }).trim();
}

export const consoleImage = process.env.E2E_IMAGE ?? 'shipyard:latest';
export const port = Number(process.env.E2E_IMAGE_PORT ?? 8190);
export const gatewayPort = port + 1;
export const containerName = `shipyard-image-e2e-${port}`;

/** The engine's socket path on this machine, from SHIPYARD_DOCKER=unix://... */
function engineSocket(): string {
  const engine = process.env.SHIPYARD_DOCKER ?? '';
  if (!engine.startsWith('unix://')) throw new Error(`the image test mounts the engine's socket: SHIPYARD_DOCKER must be unix://, not ${engine}`);
  return engine.slice('unix://'.length);
}

/**
 * Starts the console image as an operator would: the engine's socket mounted (its group added, as
 * the console runs as uid 1000), the stack's etcd and database reached over the host network
 * (they listen on loopback), the auth secret as a file like a swarm secret, the gateway on.
 */
export function startConsoleContainer(): void {
  removeConsoleContainer();
  const secrets = mkdtempSync(join(tmpdir(), 'shipyard-image-e2e-'));
  chmodSync(secrets, 0o755); // the console runs as uid 1000
  writeFileSync(join(secrets, 'auth-secret'), `${process.env.AUTH_SECRET ?? ''}\n`, { mode: 0o644 });
  const socket = engineSocket();
  const socketGroup = execFileSync('stat', ['-c', '%g', socket], { encoding: 'utf8' }).trim();
  docker(
    'run', '-d', '--name', containerName, '--network', 'host', '--label', 'io.shipyard.test=e2e-image',
    '-v', `${socket}:/var/run/docker.sock`, '--group-add', socketGroup,
    '-v', `${secrets}:/run/secrets:ro`,
    '-e', 'SHIPYARD_DOCKER=unix:///var/run/docker.sock',
    '-e', `SHIPYARD_LISTEN=127.0.0.1:${port}`,
    '-e', `SHIPYARD_GATEWAY_LISTEN=127.0.0.1:${gatewayPort}`,
    '-e', `SHIPYARD_DATABASE=${process.env.SHIPYARD_DATABASE ?? '127.0.0.1:28016'}`,
    '-e', `SHIPYARD_DATABASE_NAME=image_e2e_${Date.now()}`,
    '-e', `SHIPYARD_ETCD=${process.env.SHIPYARD_ETCD ?? 'http://127.0.0.1:2379'}`,
    '-e', `IPAM_ETCD_PREFIX=/shipyard-e2e/image-${port}-${Date.now()}/`,
    '-e', 'AUTH_SECRET_FILE=/run/secrets/auth-secret',
    consoleImage,
  );
}

export function removeConsoleContainer(): void {
  try {
    docker('rm', '-f', containerName);
  } catch {
    // not there
  }
}

/** The container's output, both streams (the console reports problems on stderr). */
export function consoleLogs(): string {
  const result = spawnSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', 'logs', containerName], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}
