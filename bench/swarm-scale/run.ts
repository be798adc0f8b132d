// npm run bench:swarm-scale: how fast a swarm service scales from 0 to BENCH_SWARM_REPLICAS (60)
// tasks on the swarm-scoped flat network (macvlan on every host's br0, the managed plugin as IPAM,
// every address one etcd transaction) against the same service on an overlay network with Docker's
// default IPAM, in the same run, rounds alternating (BENCH_SWARM_ROUNDS, 3 each), medians printed.
// Needs the lab with the managed plugin: scripts/lab up (after npm run plugin:image), then
//   set -a; source <(scripts/lab env); set +a; npm run bench:swarm-scale
// Each round makes a fresh service with 0 replicas, scales it, and times from the scale request
// until every task is placed (assigned to a node: past "pending") and until every task runs; then
// it removes the service and waits until its containers are gone and, on the flat network, until
// etcd holds none of its addresses, so the next round starts from the same state.
import { request } from 'node:http';
import { poolAllocations } from '../../tests/lab/pool-records';
import { docker, requireLab, uniqueName, waitUntil } from '../../tests/lab/support';
import { MANAGER, createSwarmFlatNetwork, hostNumbers, removeSwarmFlatNetwork } from '../../tests/lab/swarm-flat';

interface Arm {
  readonly label: string;
  readonly network: string;
  readonly flat: boolean;
}

interface Round {
  readonly arm: string;
  readonly placedSeconds: number;
  readonly runningSeconds: number;
}

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** The manager's task list for one service (desired state running), from the Engine API. */
function taskStates(service: string): Promise<string[]> {
  const socketPath = requireLab().manager.slice('unix://'.length);
  const filters = encodeURIComponent(JSON.stringify({ service: [service], 'desired-state': ['running'] }));
  return new Promise((resolve, reject) => {
    const call = request({ socketPath, path: `/v1.41/tasks?filters=${filters}` }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        if (response.statusCode !== 200) return reject(new Error(`GET /tasks: ${response.statusCode ?? 0} ${text}`));
        resolve((JSON.parse(text) as { Status?: { State?: string } }[]).map((task) => task.Status?.State ?? ''));
      });
    });
    call.on('error', reject);
    call.end();
  });
}

// Placed: assigned to a node (swarmkit's task states run new, allocated, pending, assigned, …, running).
const UNPLACED = new Set(['new', 'allocated', 'pending', '']);

async function containersLeft(service: string): Promise<number> {
  const counts = await Promise.all(
    hostNumbers().map(async (host) =>
      (await docker(host, ['ps', '-aq', '--filter', `label=com.docker.swarm.service.name=${service}`])).split('\n').filter(Boolean).length),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

async function oneRound(arm: Arm, replicas: number, image: string): Promise<Round> {
  const service = uniqueName(`bench-${arm.flat ? 'flat' : 'overlay'}`);
  const before = arm.flat ? (await poolAllocations()).length : 0;
  await docker(MANAGER, [
    'service', 'create', '--detach', '--name', service, '--network', arm.network, '--replicas', '0', '--stop-grace-period', '1s',
    '--no-resolve-image', image, 'sleep', '3600',
  ]);
  const started = performance.now();
  await docker(MANAGER, ['service', 'scale', '--detach', `${service}=${replicas}`]);
  let placedSeconds = 0;
  let runningSeconds = 0;
  const deadline = started + 600_000;
  while (runningSeconds === 0) {
    if (performance.now() > deadline) throw new Error(`${service}: not all ${replicas} tasks running after 600 s`);
    const states = await taskStates(service);
    const elapsed = (performance.now() - started) / 1000;
    if (placedSeconds === 0 && states.length === replicas && states.every((state) => !UNPLACED.has(state))) placedSeconds = elapsed;
    if (states.length === replicas && states.every((state) => state === 'running')) {
      runningSeconds = elapsed;
      placedSeconds ||= elapsed;
    }
    if (runningSeconds === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (arm.flat) {
    const held = (await poolAllocations()).length - before;
    if (held !== replicas) throw new Error(`${service}: etcd holds ${held} new allocations for ${replicas} tasks`);
  }
  await docker(MANAGER, ['service', 'rm', service]);
  await waitUntil(`${service}'s containers gone`, async () => (await containersLeft(service)) === 0, 600_000);
  if (arm.flat) await waitUntil(`${service}'s addresses released`, async () => (await poolAllocations()).length <= before, 120_000);
  return { arm: arm.label, placedSeconds, runningSeconds };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

async function main(): Promise<void> {
  const lab = requireLab();
  const replicas = setting('BENCH_SWARM_REPLICAS', 60);
  const rounds = setting('BENCH_SWARM_ROUNDS', 3);
  const poolSize = lab.pool[1] - lab.pool[0] + 1;
  if (replicas > poolSize) throw new Error(`BENCH_SWARM_REPLICAS ${replicas} is more than the lab pool's ${poolSize} addresses`);
  const flat: Arm = { label: 'swarm flat network (macvlan on br0, managed plugin, etcd IPAM)', network: uniqueName('bench-swflat'), flat: true };
  const overlay: Arm = { label: "overlay network (Docker's default IPAM)", network: uniqueName('bench-overlay'), flat: false };
  await createSwarmFlatNetwork(flat.network);
  await docker(MANAGER, ['network', 'create', '-d', 'overlay', overlay.network]);
  const results: Round[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate which arm goes first, so neither always runs on a machine the other just loaded.
      for (const arm of round % 2 === 0 ? [flat, overlay] : [overlay, flat]) {
        const result = await oneRound(arm, replicas, lab.image);
        results.push(result);
        console.error(`round ${round + 1} ${arm.flat ? 'flat' : 'overlay'}: placed ${result.placedSeconds.toFixed(1)} s, running ${result.runningSeconds.toFixed(1)} s`);
      }
    }
  } finally {
    await removeSwarmFlatNetwork(flat.network).catch((error: unknown) => console.error(String(error)));
    await waitUntil('overlay network removed', () => docker(MANAGER, ['network', 'rm', overlay.network]).then(() => true, () => false), 120_000)
      .catch((error: unknown) => console.error(String(error)));
  }
  console.log(`\nScaling a service 0 → ${replicas} replicas on ${lab.dockers.length} lab hosts, ${rounds} rounds per network, alternating\n`);
  console.log(row(['network', 'rounds: s until all placed', 'rounds: s until all running', 'median placed tasks/s', 'median running tasks/s', 'median s to all running']));
  console.log(row(['---', '---', '---', '---:', '---:', '---:']));
  for (const arm of [flat, overlay]) {
    const mine = results.filter((result) => result.arm === arm.label);
    console.log(row([
      arm.label,
      mine.map((result) => result.placedSeconds.toFixed(1)).join(', '),
      mine.map((result) => result.runningSeconds.toFixed(1)).join(', '),
      median(mine.map((result) => replicas / result.placedSeconds)).toFixed(1),
      median(mine.map((result) => replicas / result.runningSeconds)).toFixed(1),
      median(mine.map((result) => result.runningSeconds)).toFixed(1),
    ]));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
