// Plugin instances for the benchmark: real `shipyard-ipam server` processes, as deployed.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

const CLI = join(process.cwd(), 'plugin', 'bin', 'shipyard-ipam');
const BUILD = join(process.cwd(), 'plugin', 'bin', 'build-bundle');

/** Builds dist/shipyard-ipam.cjs, so the instances run the bundle as deployed, not tsx. */
export function buildBundle(): void {
  if (process.env.BENCH_PLUGIN_BUNDLE) return;
  execFileSync(BUILD, { stdio: 'inherit' });
}

export interface BenchInstance {
  readonly child: ChildProcess;
  readonly socketPath: string;
  readonly agent: Agent;
}

export function post(instance: BenchInstance, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const call = request({ socketPath: instance.socketPath, agent: instance.agent, path, method: 'POST' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown> }));
    });
    call.on('error', reject);
    call.end(JSON.stringify(body));
  });
}

export async function startInstance(args: { endpoints: string[]; prefix: string; socketPath: string; hostId: string }): Promise<BenchInstance> {
  // BENCH_PLUGIN_BUNDLE: a bundle built from other sources (e.g. the code before a change), run
  // with the server's Node flags from plugin/bin/shipyard-ipam, so two versions compare in one run.
  // BENCH_PLUGIN_NODE_ARGS: extra Node flags for the plugin processes, e.g. "--cpu-prof
  // --cpu-prof-dir=<dir>" to see where a call's CPU goes (Node refuses these in NODE_OPTIONS).
  const bundle = process.env.BENCH_PLUGIN_BUNDLE;
  const extraNodeArgs = process.env.BENCH_PLUGIN_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const command = bundle || extraNodeArgs.length > 0 ? process.execPath : CLI;
  const prefixArgs =
    bundle || extraNodeArgs.length > 0
      ? ['--max-semi-space-size=1', '--max-old-space-size=48', ...extraNodeArgs, bundle ?? join(process.cwd(), 'dist', 'shipyard-ipam.cjs')]
      : [];
  const child = spawn(
    command,
    [...prefixArgs, 'server', '--cluster-store', args.endpoints.join(','), '--prefix', args.prefix, '--socket', args.socketPath, '--host-id', args.hostId, '--gc-interval', '0'],
    { stdio: 'ignore' },
  );
  const instance = { child, socketPath: args.socketPath, agent: new Agent({ keepAlive: true, maxSockets: 64 }) };
  for (let attempt = 0; attempt < 300; attempt++) {
    if (existsSync(args.socketPath)) {
      const reply = await post(instance, '/Plugin.Activate', {}).catch(() => undefined);
      if (reply?.status === 200) return instance;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`plugin on ${args.socketPath} did not start`);
}

export async function stopInstance(instance: BenchInstance): Promise<void> {
  instance.agent.destroy();
  if (instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}

/** Resident memory of the process in MB from /proc: VmHWM is the peak, VmRSS the current. */
export function rssMb(pid: number | undefined, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  if (pid === undefined) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}
