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

export async function compareDockerRun(network: string, image: string, runs: number): Promise<{ pluginMs: number; bridgeMs: number }> {
  await timedRun(['--network', network, image, 'echo']);
  await timedRun([image, 'echo']);
  const plugin: number[] = [];
  const bridge: number[] = [];
  for (let run = 0; run < runs; run++) {
    plugin.push(await timedRun(['--network', network, image, 'echo']));
    bridge.push(await timedRun([image, 'echo']));
  }
  return { pluginMs: median(plugin), bridgeMs: median(bridge) };
}
