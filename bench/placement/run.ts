// npm run bench:placement: placement decisions per second on a simulated 20-host, 1,000-container
// cluster; then, with the stack's environment, the added latency of a placed create over a create
// with an explicit host (same run, alternating, medians). BENCH_PLACEMENT_ROUNDS (default 15).
import { benchClaimLatency } from './claim-latency';
import { benchCreateLatency, median } from './create-latency';
import { benchDecisions } from './decisions';
import { benchGatewayLatency } from './gateway-latency';
import { benchReadLatency } from './read-latency';

async function main(): Promise<void> {
  console.log('## Placement decisions: 20 hosts, 1,000 containers (simulated)\n');
  console.log('| decision | decisions | per second | µs each |\n|---|---|---|---|');
  for (const figure of benchDecisions()) {
    console.log(`| ${figure.label} | ${figure.decisions} | ${Math.round(figure.perSecond).toLocaleString('en')} | ${figure.microsPerDecision.toFixed(1)} |`);
  }
  if (!process.env.SHIPYARD_DOCKER) {
    console.log('\n(no SHIPYARD_DOCKER: source the stack env for the create latency)');
    return;
  }
  const rounds = Number(process.env.BENCH_PLACEMENT_ROUNDS ?? 15);
  console.log(`\n## One decision with its claims in etcd, 3 simulated hosts (${rounds} rounds, alternating)\n`);
  console.log('| decision | n | median ms | p90 ms |\n|---|---|---|---|');
  for (const figure of await benchClaimLatency(rounds)) {
    const sorted = [...figure.samples].sort((a, b) => a - b);
    console.log(`| ${figure.label} | ${figure.samples.length} | ${median(figure.samples).toFixed(1)} | ${(sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)] ?? NaN).toFixed(1)} |`);
  }
  if (process.env.BENCH_PLACEMENT_CLAIMS_ONLY === '1') return;
  const reads = await benchReadLatency(rounds);
  console.log(`\n## What one decision reads of ${reads.engines} engine(s) (${rounds} rounds, alternating)\n`);
  console.log('| read | n | median ms | p90 ms |\n|---|---|---|---|');
  for (const figure of reads.figures) {
    const sorted = [...figure.samples].sort((a, b) => a - b);
    console.log(`| ${figure.label} | ${figure.samples.length} | ${median(figure.samples).toFixed(1)} | ${(sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)] ?? NaN).toFixed(1)} |`);
  }
  const gatewayRun = await benchGatewayLatency(rounds);
  const gatewayBaseline = median(gatewayRun.figures[0]?.samples ?? []);
  console.log(`\n## A docker CLI create (POST /containers/create) through the gateway, ${gatewayRun.engines} engine(s) (${rounds} rounds, alternating)\n`);
  console.log('| create | n | median ms | p90 ms | added over straight to the engine (median) |\n|---|---|---|---|---|');
  for (const [index, figure] of gatewayRun.figures.entries()) {
    const sorted = [...figure.samples].sort((a, b) => a - b);
    const p50 = median(figure.samples);
    console.log(`| ${figure.label} | ${figure.samples.length} | ${p50.toFixed(1)} | ${(sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)] ?? NaN).toFixed(1)} | ${index === 0 ? '—' : `+${(p50 - gatewayBaseline).toFixed(1)} ms`} |`);
  }
  const { engines, figures } = await benchCreateLatency(rounds);
  const [explicit] = figures;
  const baseline = median(explicit?.samples ?? []);
  console.log(`\n## Create latency, ${engines} engine(s) (start: false; ${rounds} rounds, alternating)\n`);
  console.log('| create | n | median ms | p90 ms | added over explicit host (median) |\n|---|---|---|---|---|');
  for (const figure of figures) {
    const p50 = median(figure.samples);
    const sorted = [...figure.samples].sort((a, b) => a - b);
    const p90 = sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)] ?? NaN;
    console.log(`| ${figure.label} | ${figure.samples.length} | ${p50.toFixed(1)} | ${p90.toFixed(1)} | ${figure === explicit ? '—' : `+${(p50 - baseline).toFixed(1)} ms`} |`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
