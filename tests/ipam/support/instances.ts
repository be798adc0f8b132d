// Plugin instances for tests: in this process (fast, for races) or as child processes running
// the real CLI (for kill -9).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connectEngine } from '@/lib/ipam/engine';
import { silentLogger } from '@/lib/plugin/log';
import { type Sidecar, startSidecar } from '@/lib/plugin/sidecar';
import { callPlugin } from './plugin-client';

export const CLI = join(process.cwd(), 'plugin', 'bin', 'shipyard-ipam');

let bundleBuilt = false;
/** Child instances run the bundle (dist/shipyard-ipam.cjs) as deployed: build it once per test file. */
export function ensureBundle(): void {
  if (bundleBuilt) return;
  execFileSync(join(process.cwd(), 'plugin', 'bin', 'build-bundle'), { stdio: 'inherit' });
  bundleBuilt = true;
}

export function startInProcess(endpoints: string[], prefix: string, socketPath: string, hostId: string): Promise<Sidecar> {
  // With the stack's engine, parked (sticky) addresses of removed containers are freed as in production.
  const docker = process.env.SHIPYARD_DOCKER;
  return startSidecar({ endpoints, prefix, socketPath, hostId, log: silentLogger, ...(docker ? { engine: connectEngine(docker) } : {}) });
}

export interface ChildInstance {
  readonly process: ChildProcess;
  readonly socketPath: string;
  output(): string;
}

/** Starts `shipyard-ipam server` and waits until it answers on its socket. */
export async function startChild(endpoints: string[], prefix: string, socketPath: string, hostId: string): Promise<ChildInstance> {
  ensureBundle();
  const child = spawn(
    CLI,
    ['server', '--cluster-store', endpoints.join(','), '--prefix', prefix, '--socket', socketPath, '--host-id', hostId, '--gc-interval', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const instance = { process: child, socketPath, output: () => output };
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`plugin exited with ${child.exitCode}: ${output}`);
    if (existsSync(socketPath)) {
      const reply = await callPlugin(socketPath, '/Plugin.Activate').catch(() => undefined);
      if (reply?.status === 200) return instance;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`plugin did not answer on ${socketPath} within 30 s: ${output}`);
}

export function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
