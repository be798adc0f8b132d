// The lab as the Playwright lab tests see it: one dockerode client per host (from
// `scripts/lab env`), the lab script itself, and names no other run uses.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';

const exec = promisify(execFile);

/** Label on every container the lab tests start (the lab's own clean-up looks for it too). */
export const TEST_LABEL = { 'shipyard-lab-test': '1' };
export const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
export const network = process.env.SHIPYARD_LAB_NETWORK ?? 'shipyard-lab';
export const dockerUrls = (process.env.SHIPYARD_LAB_DOCKERS ?? '').split(',').filter((url) => url !== '');

function socketOf(url: string): string {
  if (!url.startsWith('unix://')) throw new Error(`lab engines are unix sockets, got ${url}`);
  return url.slice('unix://'.length);
}

/** dockerode aimed at lab host `host` (1-based, like the script's h1, h2, h3). */
export function engine(host: number): Docker {
  const url = dockerUrls[host - 1];
  if (!url) throw new Error(`the lab has no host ${host} (SHIPYARD_LAB_DOCKERS=${dockerUrls.join(',')})`);
  return new Docker({ socketPath: socketOf(url) });
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
}

/** The docker CLI aimed at lab host `host`. */
export async function dockerCli(host: number, args: readonly string[]): Promise<string> {
  const url = dockerUrls[host - 1] ?? '';
  try {
    const { stdout } = await exec('docker', ['-H', url, ...args], { timeout: 60_000 });
    return stdout.trim();
  } catch (error) {
    const detail = error as { stderr?: string; message: string };
    throw new Error(`docker -H ${url} ${args.join(' ')} failed: ${detail.stderr?.trim() || detail.message}`);
  }
}

/** `scripts/lab ARGS` (e.g. `up`, which on a running lab restarts whatever died). */
export async function labScript(args: readonly string[]): Promise<string> {
  const { stdout } = await exec('bash', [path.join(process.cwd(), 'scripts', 'lab'), ...args], { timeout: 300_000 });
  return stdout.trim();
}

/** The pid `scripts/lab` recorded for one of its processes (etcd0, h2-dockerd...). */
export function labPid(name: string): number {
  const runDir = process.env.SHIPYARD_LAB_RUN_DIR ?? '';
  return Number(readFileSync(path.join(runDir, 'pids', `${name}.pid`), 'utf8').trim());
}

/** A container on the lab's flat network on one host: its address and MAC come from the etcd pool. */
export async function startFlatContainer(host: number, name: string): Promise<{ container: Docker.Container; address: string; mac: string }> {
  const docker = engine(host);
  const container = await docker.createContainer({
    name,
    Image: image,
    Cmd: ['sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait'],
    Labels: TEST_LABEL,
    HostConfig: { NetworkMode: network },
  });
  await container.start();
  const settings = (await container.inspect()).NetworkSettings.Networks[network];
  if (!settings?.IPAddress) throw new Error(`${name} on h${host} got no address on ${network}`);
  return { container, address: settings.IPAddress, mac: settings.MacAddress };
}

/** Removes whatever a test left (by name), ignoring what is already gone. */
export async function removeContainer(host: number, name: string): Promise<void> {
  try {
    await engine(host).getContainer(name).remove({ force: true });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}
