// A private Docker registry (Debian's docker-registry, distribution 2.8) on a free loopback port,
// for tests that pull: no internet registry is reachable. Loopback registries are insecure-allowed
// by dockerd by default, so plain HTTP works.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import bcrypt from 'bcryptjs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portAccepts } from './processes';

export interface TestRegistry {
  /** 127.0.0.1:<port> */
  address: string;
  /**
   * Builds an image from `baseImage` plus one layer of random bytes (so a pull downloads something
   * the engine does not have), pushes it as <address>/<repository>:<tag>, then removes it locally.
   */
  pushFresh(baseImage: string, repository: string, tag: string): Promise<string>;
  stop(): Promise<void>;
}

/** A registry behind htpasswd basic auth (distribution allows it over plain HTTP, with a warning). */
export interface RegistryCredentials {
  username: string;
  password: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function firstFreePort(candidates: readonly number[]): Promise<number> {
  for (const port of candidates) if (!(await portAccepts(port))) return port;
  if (candidates.length > 0) throw new Error(`none of the ports ${candidates.join(', ')} is free`);
  return freePort();
}

function dockerCli(...args: string[]): Promise<string> {
  return dockerCliWith([], ...args);
}

/** `docker -H <stack engine> <global> <args>`: `global` carries e.g. a private --config dir. */
function dockerCliWith(global: string[], ...args: string[]): Promise<string> {
  const host = process.env.SHIPYARD_DOCKER;
  if (!host) throw new Error('SHIPYARD_DOCKER is not set: source .state/env (scripts/stack up)');
  return new Promise((resolve, reject) => {
    // The classic builder: BuildKit may be missing next to the stack's engine.
    execFile('docker', ['-H', host, ...global, ...args], { timeout: 120_000, env: { ...process.env, DOCKER_BUILDKIT: '0' } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`docker ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

async function answers(address: string): Promise<boolean> {
  try {
    // 401 is an answer too: the registry is up and wants credentials.
    return [200, 401].includes((await fetch(`http://${address}/v2/`)).status);
  } catch {
    return false;
  }
}

/** `ports`: the first free of these (a test given a port range); else any free port. */
export async function startTestRegistry(credentials?: RegistryCredentials, options: { ports?: readonly number[] } = {}): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'shipyard-registry-'));
  const port = await firstFreePort(options.ports ?? []);
  const address = `127.0.0.1:${port}`;
  const config = join(dir, 'config.yml');
  const auth: string[] = [];
  // With credentials, pushes go through a private docker --config dir that holds them, so the
  // user's own docker config is neither read nor written.
  const cliConfig: string[] = [];
  if (credentials) {
    await writeFile(join(dir, 'htpasswd'), `${credentials.username}:${bcrypt.hashSync(credentials.password, 10)}\n`);
    auth.push('auth:', '  htpasswd:', '    realm: shipyard-test', `    path: ${join(dir, 'htpasswd')}`);
    const configDir = join(dir, 'docker-config');
    await mkdir(configDir);
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    await writeFile(join(configDir, 'config.json'), JSON.stringify({ auths: { [address]: { auth: basic } } }));
    cliConfig.push('--config', configDir);
  }
  await writeFile(
    config,
    ['version: 0.1', 'log:', '  level: warn', 'storage:', '  filesystem:', `    rootdirectory: ${join(dir, 'data')}`, '  delete:', '    enabled: true', 'http:', `  addr: ${address}`, ...auth, ''].join('\n'),
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Wait for it to answer (or to die, with its reason).
  for (let attempt = 0; !(await answers(address)); attempt++) {
    if (child.exitCode !== null || attempt > 150) {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`docker-registry did not start on ${address}: ${stderr || 'no output'} (apt-get install docker-registry)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    address,
    async pushFresh(baseImage, repository, tag) {
      const remote = `${address}/${repository}:${tag}`;
      const context = await mkdtemp(join(dir, 'build-'));
      await writeFile(join(context, 'Dockerfile'), `FROM ${baseImage}\nRUN head -c 400000 /dev/urandom > /fresh-layer\n`);
      await dockerCli('build', '-q', '-t', remote, context);
      try {
        await dockerCliWith(cliConfig, 'push', remote);
      } finally {
        await dockerCli('rmi', remote);
        await rm(context, { recursive: true, force: true });
      }
      return remote;
    },
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) {
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
