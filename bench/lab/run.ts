// npm run bench:lab: the multi-host lab's figures in one run. Time to bring the lab up and down,
// and the cross-host container start rate on the flat network (etcd IPAM) against the default
// bridge of the same hosts, in interleaved rounds so both see the same machine load.
//   BENCH_LAB_HOSTS (3), BENCH_LAB_PER_HOST (10 containers per host per round),
//   BENCH_LAB_WIDTH (4 `docker run` in flight per host), BENCH_LAB_ROUNDS (2)
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type StartRate, measureStartRate, removeBenchContainers } from './start-rate';

const exec = promisify(execFile);
const labScript = fileURLToPath(new URL('../../scripts/lab', import.meta.url));

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

async function lab(args: readonly string[]): Promise<string> {
  const { stdout } = await exec('bash', [labScript, ...args], { timeout: 600_000 });
  return stdout;
}

async function timed(what: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await what();
  return (performance.now() - started) / 1000;
}

/** Reads one variable out of `scripts/lab env` (export NAME=value lines). */
function envValue(text: string, name: string): string {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`export ${name}=`));
  if (!line) throw new Error(`scripts/lab env has no ${name}`);
  return line.slice(`export ${name}=`.length);
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

async function main(): Promise<void> {
  const hosts = setting('BENCH_LAB_HOSTS', 3);
  const perHost = setting('BENCH_LAB_PER_HOST', 10);
  const width = setting('BENCH_LAB_WIDTH', 4);
  const rounds = setting('BENCH_LAB_ROUNDS', 2);

  // `down` is idempotent: a lab left up (or half up) is removed so `up` is measured from nothing.
  await lab(['down']);
  const upSeconds = await timed(() => lab(['up', '--hosts', String(hosts)]));
  const env = await lab(['env']);
  const dockers = envValue(env, 'SHIPYARD_LAB_DOCKERS').split(',');
  const network = envValue(env, 'SHIPYARD_LAB_NETWORK');
  const image = envValue(env, 'SHIPYARD_TEST_IMAGE');

  const results: StartRate[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate which network goes first, so neither always runs on a warmer machine.
      const order = round % 2 === 0 ? [network, 'bridge'] : ['bridge', network];
      for (const name of order) {
        results.push(await measureStartRate(dockers, name, image, perHost, width));
        await removeBenchContainers(dockers);
      }
    }
  } finally {
    await removeBenchContainers(dockers).catch(() => undefined);
  }
  const downSeconds = await timed(() => lab(['down']));

  console.log(`\nLab of ${hosts} hosts, ${perHost} containers per host per round, ${width} in flight per host, ${rounds} rounds\n`);
  console.log(row(['measure', 'value']));
  console.log(row(['---', '---']));
  console.log(row(['scripts/lab up (from nothing)', `${upSeconds.toFixed(1)} s`]));
  console.log(row(['scripts/lab down', `${downSeconds.toFixed(1)} s`]));
  console.log('');
  console.log(row(['network', 'round', 'containers', 'wall s', 'containers/s', 'median run ms', 'p95 run ms']));
  console.log(row(['---', '---', '---', '---', '---', '---', '---']));
  results.forEach((result, index) => {
    const label = result.network === 'bridge' ? 'default bridge' : `${result.network} (flat, etcd IPAM)`;
    console.log(
      row([
        label,
        String(Math.floor(index / 2) + 1),
        String(result.containers),
        result.seconds.toFixed(1),
        result.perSecond.toFixed(2),
        result.medianMs.toFixed(0),
        result.p95Ms.toFixed(0),
      ]),
    );
  });
  for (const name of [network, 'bridge']) {
    const mine = results.filter((result) => result.network === name);
    const total = mine.reduce((sum, result) => sum + result.containers, 0);
    const seconds = mine.reduce((sum, result) => sum + result.seconds, 0);
    console.log(`${name === 'bridge' ? 'default bridge' : name}: ${(total / seconds).toFixed(2)} containers/s over ${total} containers`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
