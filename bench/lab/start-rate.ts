// Container start rate across the lab: every host starts its share of containers at once,
// on one network; the rate is containers per second of wall time for the whole batch.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const LABEL = 'shipyard-lab-bench=1';

export interface StartRate {
  readonly network: string;
  readonly containers: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

function docker(host: string, args: readonly string[]): Promise<{ stdout: string }> {
  return exec('docker', ['-H', host, ...args], { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/** Runs `count` jobs with at most `width` in flight. */
async function limited(count: number, width: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

export async function measureStartRate(
  dockers: readonly string[],
  network: string,
  image: string,
  perHost: number,
  widthPerHost: number,
): Promise<StartRate> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    dockers.map((host) =>
      limited(perHost, widthPerHost, async () => {
        const begin = performance.now();
        await docker(host, ['run', '-d', '--label', LABEL, '--network', network, image, 'sleep', '3600']);
        latencies.push(performance.now() - begin);
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const containers = dockers.length * perHost;
  return {
    network,
    containers,
    seconds,
    perSecond: containers / seconds,
    medianMs: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
  };
}

/** Removes the benchmark's containers (by label) so the next round starts from the same state. */
export async function removeBenchContainers(dockers: readonly string[]): Promise<void> {
  await Promise.all(
    dockers.map(async (host) => {
      const { stdout } = await docker(host, ['ps', '-aq', '--filter', `label=${LABEL}`]);
      const ids = stdout.split('\n').filter(Boolean);
      if (ids.length > 0) await docker(host, ['rm', '-f', ...ids]);
    }),
  );
}
