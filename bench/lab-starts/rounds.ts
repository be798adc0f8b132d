// One round: every host starts `perHost` containers at once on one network; the wall time of the
// whole batch, and the sidecars' CPU time spent meanwhile. Then the containers go again.
import { totalCpuMs } from '../support/process-cpu';
import { type Lab, type LabHost, docker } from './lab-hosts';

const LABEL = 'shipyard-lab-starts=1';
/** After removal: the sidecars' parked-address sweeps (0.3 s and 5 s after a release) finish. */
const SETTLE_MS = 6_000;

export interface Round {
  readonly network: string;
  readonly containers: number;
  readonly seconds: number;
  /** Sidecar CPU (all hosts) during the starts, per container started. */
  readonly sidecarCpuMsPerStart: number;
  /** Sidecar CPU during removal and the settle time after it, per container removed. */
  readonly sidecarCpuMsPerRemoval: number;
  /** The etcd members' CPU during the starts, per container started. */
  readonly etcdCpuMsPerStart: number;
  readonly medianRunMs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export async function removeBenchContainers(hosts: readonly LabHost[]): Promise<void> {
  await Promise.all(
    hosts.map(async (host) => {
      const { stdout } = await docker(host, ['ps', '-aq', '--filter', `label=${LABEL}`]);
      const ids = stdout.split('\n').filter(Boolean);
      if (ids.length > 0) await docker(host, ['rm', '-f', ...ids]);
    }),
  );
}

export async function runRound(lab: Lab, network: string, perHost: number): Promise<Round> {
  const pids = lab.hosts.map((host) => host.sidecarPid);
  const latencies: number[] = [];
  const cpuBefore = totalCpuMs(pids);
  const etcdBefore = totalCpuMs(lab.etcdPids);
  const started = performance.now();
  await Promise.all(
    lab.hosts.flatMap((host) =>
      Array.from({ length: perHost }, async () => {
        const begin = performance.now();
        await docker(host, ['run', '-d', '--label', LABEL, '--network', network, lab.image, 'sleep', '3600']);
        latencies.push(performance.now() - begin);
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfterStarts = totalCpuMs(pids);
  const etcdAfterStarts = totalCpuMs(lab.etcdPids);
  await removeBenchContainers(lab.hosts);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const containers = lab.hosts.length * perHost;
  return {
    network,
    containers,
    seconds,
    sidecarCpuMsPerStart: (cpuAfterStarts - cpuBefore) / containers,
    sidecarCpuMsPerRemoval: (totalCpuMs(pids) - cpuAfterStarts) / containers,
    etcdCpuMsPerStart: (etcdAfterStarts - etcdBefore) / containers,
    medianRunMs: median(latencies),
  };
}

export { median };
