// `docker run` on the plugin's network against the default bridge, same image, interleaved.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export function dockerCli(...args: string[]): Promise<{ stdout: string }> {
  const host = process.env.SHIPYARD_DOCKER;
  if (!host) throw new Error('SHIPYARD_DOCKER is not set: source .state/env (scripts/stack up)');
  return exec('docker', ['-H', host, ...args], { timeout: 120_000 });
}

async function timedRun(args: string[]): Promise<number> {
  const started = process.hrtime.bigint();
  await dockerCli('run', '--rm', ...args);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export interface DockerRunTimes {
  /** Median ms on the plugin's network (a user-defined bridge with our IPAM). */
  readonly pluginMs: number;
  /** Median ms on a user-defined bridge with the seed's options and Docker's own IPAM. */
  readonly customBridgeMs: number;
  /** Median ms on the default bridge. */
  readonly bridgeMs: number;
}

/**
 * Interleaved runs on three networks: the custom bridge with Docker's IPAM separates what any
 * user-defined bridge costs (embedded DNS, its own veth setup) from what our IPAM calls cost.
 */
export async function compareDockerRun(network: string, customBridge: string, image: string, runs: number): Promise<DockerRunTimes> {
  const networks = [['--network', network], ['--network', customBridge], []];
  for (const args of networks) await timedRun([...args, image, 'echo']);
  const times: number[][] = [[], [], []];
  for (let run = 0; run < runs; run++) {
    for (const [index, args] of networks.entries()) times[index]?.push(await timedRun([...args, image, 'echo']));
  }
  const [plugin = [], custom = [], bridge = []] = times;
  return { pluginMs: median(plugin), customBridgeMs: median(custom), bridgeMs: median(bridge) };
}
