// Helpers for the multi-host lab tests: the lab's environment (scripts/lab env), the docker CLI
// aimed at one lab host, and the lab script itself. Hosts are numbered from 1 like the script's.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export const labScript = fileURLToPath(new URL('../../scripts/lab', import.meta.url));
/** Label on every container a lab test starts, so clean-up never touches anything else. */
export const TEST_LABEL = 'shipyard-lab-test=1';

export interface LabEnv {
  readonly dockers: readonly string[];
  readonly manager: string;
  readonly name: string;
  readonly network: string;
  readonly router: string;
  readonly subnetBase: string;
  /** First and last container address of the pool, as numbers of the last octet. */
  readonly pool: readonly [number, number];
  readonly etcd: string;
  readonly runDir: string;
  readonly image: string;
}

/** The lab's environment, or undefined when `scripts/lab env` was not sourced (lab tests skip). */
export function labEnvOrUndefined(env: NodeJS.ProcessEnv = process.env): LabEnv | undefined {
  const dockers = env.SHIPYARD_LAB_DOCKERS;
  if (!dockers || !env.SHIPYARD_LAB_MANAGER || !env.SHIPYARD_LAB_RUN_DIR) return undefined;
  const subnet = env.SHIPYARD_LAB_SUBNET ?? '';
  const [first, last] = (env.SHIPYARD_LAB_POOL ?? '').split('-').map((address) => Number(address.split('.')[3]));
  return {
    dockers: dockers.split(','),
    manager: env.SHIPYARD_LAB_MANAGER,
    name: env.SHIPYARD_LAB_NAME ?? 'shylab',
    network: env.SHIPYARD_LAB_NETWORK ?? 'shipyard-lab',
    router: env.SHIPYARD_LAB_ROUTER ?? '',
    subnetBase: subnet.replace(/\.0\/24$/, ''),
    pool: [first ?? 100, last ?? 199],
    etcd: env.SHIPYARD_LAB_ETCD ?? '',
    runDir: env.SHIPYARD_LAB_RUN_DIR,
    image: env.SHIPYARD_TEST_IMAGE ?? 'busybox:local',
  };
}

export const lab = labEnvOrUndefined();

export function requireLab(): LabEnv {
  if (!lab) throw new Error('the lab is not up: run `npm run test:lab` (or scripts/lab up and source `scripts/lab env`)');
  return lab;
}

export async function run(command: string, args: readonly string[], timeoutMs = 120_000): Promise<string> {
  try {
    const { stdout } = await exec(command, [...args], { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const detail = error as { stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${detail.stderr?.trim() || detail.message}`);
  }
}

/** The docker CLI aimed at lab host `host` (1-based). */
export function docker(host: number, args: readonly string[], timeoutMs?: number): Promise<string> {
  const url = requireLab().dockers[host - 1];
  if (!url) throw new Error(`the lab has no host ${host}`);
  return run('docker', ['-H', url, ...args], timeoutMs);
}

/** `scripts/lab up` on a running lab restarts whatever an earlier test left stopped (fast when nothing is). */
export async function repairLab(): Promise<void> {
  await labCommand(['up']);
}

export function labCommand(args: readonly string[], timeoutMs = 300_000): Promise<string> {
  return run('bash', [labScript, ...args], timeoutMs);
}

/** The pid `scripts/lab` recorded for one of its processes (h2-dockerd, h3-ipam, etcd0...). */
export function labPid(name: string): number {
  return Number(readFileSync(join(requireLab().runDir, 'pids', `${name}.pid`), 'utf8').trim());
}

/** Whether the process runs; a zombie (killed, not yet reaped by init) does not. */
export function isAlive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== undefined && state !== 'Z';
  } catch {
    return false;
  }
}

export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
}
