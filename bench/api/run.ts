// npm run bench:api: GET the list of N containers (200) through the console and through the raw
// Docker API in the same run, interleaved; the median ratio. Then the time until the containers
// page shows the N rows in Chromium, and the console's memory at idle and under that load.
//   BENCH_API_CONTAINERS (200; 1000 for the "usable at 1,000 containers" figures), BENCH_API_ROUNDS (15),
//   E2E_PORT (8100: the console's port), BENCH_API_ROOT (this checkout: whose built console runs, e.g.
//   an export of an older commit, built, for the "before" figures). The containers are labelled io.shipyard.bench=<prefix> and
//   removed at the end, also when the run fails.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import Docker from 'dockerode';
import { signInFreshAdmin } from '../support/first-sign-in';

const count = Number(process.env.BENCH_API_CONTAINERS ?? 200);
const rounds = Number(process.env.BENCH_API_ROUNDS ?? 15);
const port = Number(process.env.E2E_PORT ?? 8100);
const base = `http://127.0.0.1:${port}`;
const root = process.env.BENCH_API_ROOT ?? process.cwd();
const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const dockerUrl = process.env.SHIPYARD_DOCKER ?? '';
if (!dockerUrl.startsWith('unix://')) throw new Error('bench:api needs SHIPYARD_DOCKER=unix://… (source .state/env)');
const socketPath = dockerUrl.slice('unix://'.length);
const docker = new Docker({ socketPath });
const prefix = `sybench-${randomBytes(3).toString('hex')}`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Resident memory of a process and its children, in MiB. */
function treeRssMiB(pid: number): number {
  const children = execFileSync('sh', ['-c', `pgrep -P ${pid} || true`], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  let kib = 0;
  try {
    kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
  return kib / 1024 + children.reduce((sum, child) => sum + treeRssMiB(child), 0);
}

async function startConsole(): Promise<{ pid: number; stop: () => void }> {
  // As `npm run serve` starts it: one node process with tsx's loader (no tsx CLI parent).
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    cwd: root,
    env: { ...process.env, SHIPYARD_LISTEN: `127.0.0.1:${port}`, SHIPYARD_DATABASE_NAME: `bench_${Date.now()}` },
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if (await fetch(`${base}/login`).then(() => true, () => false)) return { pid: child.pid ?? 0, stop: () => child.kill('SIGTERM') };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGTERM');
  throw new Error(`the console did not start on ${base}`);
}

async function removeBenchContainers(): Promise<void> {
  const left = await docker.listContainers({ all: true, filters: { label: [`io.shipyard.bench=${prefix}`] } });
  for (const container of left) await docker.getContainer(container.Id).remove({ force: true });
}

async function main(): Promise<void> {
  try {
    await measure();
  } finally {
    await removeBenchContainers(); // also after a failed run: the engine is shared
  }
}

async function measure(): Promise<void> {
  console.log(`creating ${count} containers (${prefix}-*)…`);
  for (let index = 0; index < count; index += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, count - index) }, (_, offset) =>
        docker.createContainer({ name: `${prefix}-${index + offset}`, Image: image, Cmd: ['sleep', '600'], Labels: { 'io.shipyard.bench': prefix }, HostConfig: { NanoCpus: 250_000_000 } }),
      ),
    );
  }
  const server = await startConsole();
  const chromiumPath = process.env.CHROMIUM_PATH ?? execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] }).catch((error: unknown) => {
    server.stop();
    throw error;
  });
  try {
    const page = await browser.newPage();
    await signInFreshAdmin(page, base);
    const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleMiB = treeRssMiB(server.pid);

    const viaConsole = async () => {
      const response = await fetch(`${base}/api/v1/containers`, { headers: { cookie } });
      const body = (await response.json()) as { containers: { name: string }[]; unreachable?: unknown[] };
      const listed = body.containers.filter((container) => container.name.startsWith(prefix)).length;
      if (listed !== count) throw new Error(`the console listed ${listed} of ${count} (unreachable: ${JSON.stringify(body.unreachable ?? [])})`);
    };
    const raw = () => docker.listContainers({ all: true });
    // Warm: the first request compiles nothing (a production build) but opens pools and inspects
    // every container once for its limits, which on a busy machine may hit the 10 s engine timeout.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await viaConsole();
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        console.log(`warm-up read ${attempt} failed, again: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await raw();
    const consoleMs: number[] = [];
    const rawMs: number[] = [];
    let peakMiB = idleMiB;
    for (let round = 0; round < rounds; round += 1) {
      // Alternate which goes first, so neither always sees a warmer engine.
      if (round % 2 === 0) {
        consoleMs.push(await timed(viaConsole));
        rawMs.push(await timed(raw));
      } else {
        rawMs.push(await timed(raw));
        consoleMs.push(await timed(viaConsole));
      }
      peakMiB = Math.max(peakMiB, treeRssMiB(server.pid));
    }
    // The page renders ROWS_PER_PAGE rows at once (app/(console)/containers/containers-table.tsx);
    // search, filter, sort and the count cover all of them.
    const perPage = 200;
    const countShows = (matching: number) => page.getByTestId('containers-count').filter({ hasText: new RegExp(`^${matching} of `) }).waitFor();
    const benchRows = page.locator(`[data-testid^="container-row-${prefix}-"]`);
    const pageMs = await timed(async () => {
      await page.goto(`${base}/containers`);
      await page.getByLabel('Search containers').fill(prefix);
      await countShows(count);
      const rows = await benchRows.count();
      if (rows !== Math.min(count, perPage)) throw new Error(`the page shows ${rows} rows, not ${Math.min(count, perPage)}`);
    });
    // Typing in the search box once the page is there: narrow to one row, then back to all N.
    const narrowMs = await timed(async () => {
      await page.getByLabel('Search containers').fill(`${prefix}-${count - 1}`);
      await countShows(1);
    });
    const widenMs = await timed(async () => {
      await page.getByLabel('Search containers').fill(prefix);
      await countShows(count);
    });
    const allMs = await timed(async () => {
      if (count > perPage) await page.getByRole('button', { name: `Show all ${count}` }).click();
      await page.getByTestId(`container-row-${prefix}-0`).waitFor();
      const rows = await benchRows.count();
      if (rows !== count) throw new Error(`"Show all" shows ${rows} rows, not ${count}`);
    });
    peakMiB = Math.max(peakMiB, treeRssMiB(server.pid));

    const ratio = median(consoleMs) / median(rawMs);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(`\nconsole from ${root}; machine load ${load}`);
    console.log(`every pair, console/raw ms: ${consoleMs.map((value, index) => `${value.toFixed(0)}/${(rawMs[index] ?? NaN).toFixed(0)}`).join(' ')}`);
    console.log(`\n| figure (${count} containers, ${rounds} rounds) | value |`);
    console.log('|---|---|');
    console.log(`| GET list, raw Docker API (median) | ${median(rawMs).toFixed(1)} ms |`);
    console.log(`| GET /api/v1/containers, console (median) | ${median(consoleMs).toFixed(1)} ms |`);
    console.log(`| median ratio console / raw (target at most 1.3) | ${ratio.toFixed(2)} |`);
    console.log(`| containers page in Chromium: counts ${count}, shows the first ${Math.min(count, perPage)} | ${pageMs.toFixed(0)} ms |`);
    console.log(`| search narrows to 1 row, then back to ${count} | ${narrowMs.toFixed(0)} ms, ${widenMs.toFixed(0)} ms |`);
    console.log(`| "Show all": all ${count} rows in the page | ${allMs.toFixed(0)} ms |`);
    console.log(`| console memory (RSS) at idle | ${idleMiB.toFixed(0)} MiB |`);
    console.log(`| console memory (RSS) peak under the load | ${peakMiB.toFixed(0)} MiB |`);
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
