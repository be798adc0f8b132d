// npm run bench:lab-starts (a lab up, its environment sourced): container starts on the flat
// network (our IPAM) against a user-defined bridge with the same options and Docker's default IPAM
// on the same hosts, 15 containers at once per host, in alternating pairs. Prints every pair, the
// median ratio (flat rate ÷ baseline rate) and the sidecars' CPU time per start.
//   --busy: one busy-loop per core while the rounds run.   BENCH_PAIRS (6), BENCH_PER_HOST (15)
// The first round of a pair often ran slower (it may overlap what dockerd still does after the previous
// round's removal), so the pairs must split evenly between both orders: an even BENCH_PAIRS, and
// the geometric mean of the pair ratios beside the median.
import { loadavg } from 'node:os';
import { BASELINE_NETWORK, createBaselineNetwork, removeBaselineNetwork } from './baseline-network';
import { type BusyLoops, startBusyLoops } from './busy-loops';
import { labFromEnv } from './lab-hosts';
import { type Round, median, removeBenchContainers, runRound } from './rounds';

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const geometricMean = (values: readonly number[]) => Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const pairs = setting('BENCH_PAIRS', 6);
  const perHost = setting('BENCH_PER_HOST', 15);
  const busy = process.argv.includes('--busy');
  const lab = labFromEnv();
  await removeBenchContainers(lab.hosts);
  await createBaselineNetwork(lab.hosts);
  let loops: BusyLoops | undefined;
  const results: { flat: Round; baseline: Round; flatFirst: boolean }[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  try {
    if (busy) loops = startBusyLoops();
    // One warm-up round each (image layers, network setup paths), not counted.
    await runRound(lab, lab.network, perHost);
    await runRound(lab, BASELINE_NETWORK, perHost);
    for (let pair = 0; pair < pairs; pair++) {
      const flatFirst = pair % 2 === 0;
      const order = flatFirst ? [lab.network, BASELINE_NETWORK] : [BASELINE_NETWORK, lab.network];
      const rounds: Round[] = [];
      for (const network of order) rounds.push(await runRound(lab, network, perHost));
      const flat = rounds.find((round) => round.network === lab.network);
      const baseline = rounds.find((round) => round.network === BASELINE_NETWORK);
      if (!flat || !baseline) throw new Error('a round is missing');
      results.push({ flat, baseline, flatFirst });
      log(`pair ${pair + 1}: flat ${flat.seconds.toFixed(2)} s, default IPAM ${baseline.seconds.toFixed(2)} s, ratio ${(baseline.seconds / flat.seconds).toFixed(2)}`);
    }
  } finally {
    await loops?.stop();
    await removeBenchContainers(lab.hosts).catch(() => undefined);
    await removeBaselineNetwork(lab.hosts);
  }
  const ratios = results.map(({ flat, baseline }) => baseline.seconds / flat.seconds);
  const containers = lab.hosts.length * perHost;
  console.log(
    `\n${lab.hosts.length} hosts × ${perHost} containers started at once per host, ${pairs} pairs${busy ? ', one busy-loop per core' : ''}; ` +
      `load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after\n`,
  );
  console.log(row(['pair', 'first', 'flat s', 'default IPAM s', 'ratio (flat rate ÷ default)', 'flat median run ms', 'default median run ms', 'sidecar CPU ms/start', 'sidecar CPU ms/removal', 'etcd CPU ms/start', 'baseline round: sidecar / etcd CPU ms/start']));
  console.log(row(['---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  results.forEach(({ flat, baseline, flatFirst }, index) => {
    console.log(
      row([
        index + 1,
        flatFirst ? 'flat' : 'default',
        flat.seconds.toFixed(2),
        baseline.seconds.toFixed(2),
        (ratios[index] ?? Number.NaN).toFixed(2),
        flat.medianRunMs.toFixed(0),
        baseline.medianRunMs.toFixed(0),
        flat.sidecarCpuMsPerStart.toFixed(1),
        flat.sidecarCpuMsPerRemoval.toFixed(1),
        flat.etcdCpuMsPerStart.toFixed(1),
        `${baseline.sidecarCpuMsPerStart.toFixed(1)} / ${baseline.etcdCpuMsPerStart.toFixed(1)}`,
      ]),
    );
  });
  console.log(
    `\nmedian ratio ${median(ratios).toFixed(2)}, geometric mean ${geometricMean(ratios).toFixed(2)}; ` +
      `flat first: ${median(ratios.filter((_, index) => index % 2 === 0)).toFixed(2)}, default first: ${median(ratios.filter((_, index) => index % 2 === 1)).toFixed(2)} (medians) ` +
      `(${containers} containers per round); median sidecar CPU per start ` +
      `${median(results.map(({ flat }) => flat.sidecarCpuMsPerStart)).toFixed(1)} ms, per removal ` +
      `${median(results.map(({ flat }) => flat.sidecarCpuMsPerRemoval)).toFixed(1)} ms; median etcd CPU per start ` +
      `${median(results.map(({ flat }) => flat.etcdCpuMsPerStart)).toFixed(1)} ms (default-IPAM rounds: sidecar ` +
      `${median(results.map(({ baseline }) => baseline.sidecarCpuMsPerStart)).toFixed(1)} ms, etcd ` +
      `${median(results.map(({ baseline }) => baseline.etcdCpuMsPerStart)).toFixed(1)} ms per start: the idle cost)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
