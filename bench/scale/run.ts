// npm run bench:scale: the console against a large lab (scripts/lab up with LAB_HOSTS=50 and a
// /20 LAB_SUBNET): BENCH_SCALE_CONTAINERS (2000) containers spread over every host's engine
// (created, not started: a list shows them the same, and 2,000 running shims would not fit the
// machine), then
// - GET /api/v1/containers: the first (cold) read, then BENCH_SCALE_READS (40) warm reads, p50 and
//   p99, against the same-run baseline of listing every engine directly (all in parallel);
// - the containers page in Chromium until its count shows every container (BENCH_SCALE_PAGES, 5);
// - with the page open, a container created on a random host straight through its engine (the
//   docker API, not the console) until its row shows, and removed until the row goes
//   (BENCH_SCALE_CHANGES, 6);
// - the console's memory (RSS) at idle and its peak.
// Needs the stack's environment (database, AUTH_SECRET) and the lab's: source both first.
//   BENCH_SCALE_PORT (8174: the console's port). Everything is labelled io.shipyard.bench=<prefix>
//   and removed at the end, also when the run fails.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import Docker from 'dockerode';
import { signInFreshAdmin } from '../support/first-sign-in';
import { quantile } from '../support/latencies';

const total = Number(process.env.BENCH_SCALE_CONTAINERS ?? 2000);
const reads = Number(process.env.BENCH_SCALE_READS ?? 40);
const pages = Number(process.env.BENCH_SCALE_PAGES ?? 5);
const changes = Number(process.env.BENCH_SCALE_CHANGES ?? 6);
const port = Number(process.env.BENCH_SCALE_PORT ?? 8174);
const base = `http://127.0.0.1:${port}`;
const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const engineUrls = (process.env.SHIPYARD_LAB_DOCKERS ?? '').split(',').filter(Boolean);
if (engineUrls.length === 0) throw new Error('bench:scale needs the lab: source <(scripts/lab env)');
if (!process.env.AUTH_SECRET) throw new Error('bench:scale needs the stack environment: source .state/env first');
const engines = engineUrls.map((url) => new Docker({ socketPath: url.replace(/^unix:\/\//, ''), timeout: 120_000 }));
const prefix = `syscale-${randomBytes(3).toString('hex')}`;
const label = { 'io.shipyard.bench': prefix };

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}
const ms = (value: number) => `${value.toFixed(0)} ms`;
const summary = (values: number[]) => `p50 ${ms(quantile(values, 0.5))}, p99 ${ms(quantile(values, 0.99))} (${values.length} reads; max ${ms(Math.max(...values))})`;

function rssMiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<Item>(items: Item[], width: number, work: (item: Item) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as Item);
    }),
  );
}

async function startConsole(): Promise<{ pid: number; stop: () => void; startedMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    env: { ...process.env, SHIPYARD_LISTEN: `127.0.0.1:${port}`, SHIPYARD_DATABASE_NAME: `bench_scale_${Date.now()}`, SHIPYARD_FLAT_NETWORK: process.env.SHIPYARD_LAB_NETWORK ?? '' },
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 480; attempt += 1) {
    if (await fetch(`${base}/login`).then(() => true, () => false)) return { pid: child.pid ?? 0, stop: () => child.kill('SIGTERM'), startedMs: performance.now() - started };
    await sleep(250);
  }
  child.kill('SIGTERM');
  throw new Error(`the console did not start on ${base}`);
}

async function removeBenchContainers(): Promise<void> {
  await inParallel(engines, 10, async (engine) => {
    const left = await engine.listContainers({ all: true, filters: { label: [`io.shipyard.bench=${prefix}`] } }).catch(() => []);
    await inParallel(left, 4, (container) => engine.getContainer(container.Id).remove({ force: true }).catch(() => undefined));
  });
}

async function main(): Promise<void> {
  try {
    await measure();
  } finally {
    console.log('removing the benchmark containers…');
    await removeBenchContainers();
  }
}

async function measure(): Promise<void> {
  console.log(`${engines.length} engines, ${total} containers (${prefix}-*), load ${load()}`);
  const createStarted = performance.now();
  const jobs = Array.from({ length: total }, (_, index) => index);
  await inParallel(jobs, 16, (index) =>
    (engines[index % engines.length] as Docker).createContainer({ name: `${prefix}-${index}`, Image: image, Cmd: ['sleep', '3600'], Labels: label }),
  );
  console.log(`created in ${((performance.now() - createStarted) / 1000).toFixed(0)} s, load ${load()}`);

  const server = await startConsole();
  console.log(`console up in ${(server.startedMs / 1000).toFixed(1)} s`);
  const chromiumPath = process.env.CHROMIUM_PATH ?? execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] }).catch((error: unknown) => {
    server.stop();
    throw error;
  });
  const rows: [string, string][] = [];
  try {
    const page = await browser.newPage();
    await signInFreshAdmin(page, base);
    const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    let listedAll = 0;
    const viaConsole = async () => {
      const response = await fetch(`${base}/api/v1/containers`, { headers: { cookie } });
      const body = (await response.json()) as { containers: { name: string }[]; unreachable: unknown[] };
      listedAll = body.containers.length;
      const ours = body.containers.filter((container) => container.name.startsWith(`${prefix}-`)).length;
      if (ours < total) throw new Error(`the console listed ${ours} of ${total} (unreachable: ${JSON.stringify(body.unreachable)})`);
    };
    const raw = () => Promise.all(engines.map((engine) => engine.listContainers({ all: true })));
    const cold = await timed(viaConsole);
    await sleep(2000);
    const idleMiB = rssMiB(server.pid);
    let peakMiB = idleMiB;
    const consoleMs: number[] = [];
    const rawMs: number[] = [];
    for (let round = 0; round < reads; round += 1) {
      if (round % 2 === 0) {
        consoleMs.push(await timed(viaConsole));
        rawMs.push(await timed(raw));
      } else {
        rawMs.push(await timed(raw));
        consoleMs.push(await timed(viaConsole));
      }
      peakMiB = Math.max(peakMiB, rssMiB(server.pid));
    }
    rows.push([`GET /api/v1/containers, cold (first read after start, ${listedAll} listed)`, ms(cold)]);
    rows.push([`GET /api/v1/containers, warm`, summary(consoleMs)]);
    rows.push([`baseline: every engine's list directly, in parallel`, summary(rawMs)]);
    console.log(`every pair, console/raw ms: ${consoleMs.map((value, index) => `${value.toFixed(0)}/${(rawMs[index] ?? NaN).toFixed(0)}`).join(' ')}`);

    const countShows = () => page.getByTestId('containers-count').filter({ hasText: new RegExp(`^${listedAll} of `) }).waitFor({ timeout: 120_000 });
    const pageMs: number[] = [];
    for (let round = 0; round < pages; round += 1) {
      pageMs.push(
        await timed(async () => {
          await page.goto(`${base}/containers`);
          await countShows();
        }),
      );
      peakMiB = Math.max(peakMiB, rssMiB(server.pid));
    }
    rows.push([`containers page in Chromium, until its count shows all ${listedAll}`, `median ${ms(quantile(pageMs, 0.5))}, max ${ms(Math.max(...pageMs))} (${pageMs.map((value) => value.toFixed(0)).join(', ')})`]);

    // With the page open (its live feed connected), a change on some host straight through its engine.
    await page.goto(`${base}/containers`);
    await countShows();
    await page.getByTestId('live-status').filter({ hasText: /^live$/ }).waitFor({ timeout: 60_000 });
    const showMs: number[] = [];
    const goneMs: number[] = [];
    const hosts: number[] = [];
    for (let round = 0; round < changes; round += 1) {
      const host = Math.floor(Math.random() * engines.length);
      hosts.push(host + 1);
      const engine = engines[host] as Docker;
      const name = `${prefix}-live-${round}`;
      const row = page.getByTestId(`container-row-${name}`);
      const started = performance.now();
      const created = await engine.createContainer({ name, Image: image, Cmd: ['sleep', '3600'], Labels: label });
      await row.waitFor({ timeout: 60_000 });
      showMs.push(performance.now() - started);
      const removing = performance.now();
      await created.remove({ force: true });
      await row.waitFor({ state: 'detached', timeout: 60_000 });
      goneMs.push(performance.now() - removing);
      peakMiB = Math.max(peakMiB, rssMiB(server.pid));
    }
    rows.push([`a container created on a host (h${hosts.join(', h')}) shows on the open page`, `median ${ms(quantile(showMs, 0.5))}, max ${ms(Math.max(...showMs))} (${showMs.map((value) => value.toFixed(0)).join(', ')})`]);
    rows.push([`… removed, its row goes`, `median ${ms(quantile(goneMs, 0.5))}, max ${ms(Math.max(...goneMs))} (${goneMs.map((value) => value.toFixed(0)).join(', ')})`]);
    rows.push(['console memory (RSS) at idle, after the first list', `${idleMiB.toFixed(0)} MiB`]);
    rows.push(['console memory (RSS) peak', `${peakMiB.toFixed(0)} MiB`]);
    rows.push(['machine load (1, 5, 15 min) at the end', load()]);
  } finally {
    await browser.close();
    server.stop();
  }
  console.log(`\n| figure (${engines.length} hosts, ${total} containers) | value |`);
  console.log('|---|---|');
  for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
