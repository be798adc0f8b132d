// How fast an etcd change becomes a visible row on the console's IP allocations page, in a real
// browser: starts the built console (scripts/serve.ts) on its own port, database and IPAM prefix,
// signs in with Chromium (Debian's, as playwright.config.ts does), opens /ipam, then makes 100
// changes through the sidecar's allocator (50 allocations and their 50 releases) and times, per
// change, from just before the etcd transaction to the animation frame after the row appeared or
// went (a MutationObserver in the page), against a bare etcd3 watch on the same keys in the same
// run. Then 5,000 allocations: time from navigation start until all 5,000 rows are in the page and
// until the live feed is connected, and 20 more changes with those rows present.
// Needs a build (`npx next build`) and the stack (source .state/env). Prints its figures.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Etcd3 } from 'etcd3';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../e2e/support/chromium';
import { Store } from '../../lib/ipam/store';
import { connectDatabase } from '../../prisma-free-db/connection';
import { benchPool } from '../support/bench-pool';
import { latencyRow, quantile } from '../support/latencies';
import { randomMac } from '../support/random-mac';
import { signInFreshAdmin } from '../support/first-sign-in';

const PORT = Number(process.env.BENCH_PORT ?? 8097);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 100);
const MANY = Number(process.env.BENCH_ROWS ?? 5000);
const LOADS = Number(process.env.BENCH_LOADS ?? 3);
const endpoints = (process.env.SHIPYARD_ETCD ?? process.env.IPAM_CLUSTER_STORE ?? 'http://127.0.0.1:2379').split(',');
const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const prefix = `/shipyard-bench-browser/${run}/`;
const baseURL = `http://127.0.0.1:${PORT}`;
const database = `bench_browser_${run}`;
const now = () => performance.timeOrigin + performance.now();

const median = (values: number[]) => quantile(values, 0.5);

/** The built console, as playwright.config.ts's webServer starts it, on this run's port, database and prefix. */
async function startConsole(): Promise<ChildProcess> {
  const child = spawn('npx', ['tsx', 'scripts/serve.ts'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, SHIPYARD_LISTEN: `127.0.0.1:${PORT}`, SHIPYARD_DATABASE_NAME: database, IPAM_ETCD_PREFIX: prefix },
  });
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`the console exited (${child.exitCode}): run \`npx next build\` first and source .state/env`);
    const ok = await fetch(`${baseURL}/login`).then((response) => response.ok, () => false);
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the console did not answer on ${baseURL} within 60 s`);
}

/** Records, in the page, when each allocation row appears or goes: the next animation frame after React changed the DOM. */
async function observeRows(page: Page): Promise<void> {
  await page.evaluate(() => {
    const body = document.querySelector('[data-testid="allocations"] tbody');
    if (!body) throw new Error('no allocations table');
    const report = (window as unknown as { __rowSeen: (kind: string, address: string, at: number) => void }).__rowSeen;
    new MutationObserver((mutations) => {
      const changes: [string, string][] = [];
      for (const mutation of mutations) {
        for (const node of mutation.addedNodes) if (node instanceof HTMLElement && node.dataset.testid?.startsWith('allocation-')) changes.push(['add', node.dataset.testid.slice(11)]);
        for (const node of mutation.removedNodes) if (node instanceof HTMLElement && node.dataset.testid?.startsWith('allocation-')) changes.push(['remove', node.dataset.testid.slice(11)]);
      }
      if (changes.length > 0) requestAnimationFrame(() => {
        const at = window.performance.timeOrigin + window.performance.now();
        for (const [kind, address] of changes) report(kind, address, at);
      });
    }).observe(body, { childList: true });
  });
}

interface Latencies {
  browser: number[];
  raw: number[];
}

async function main(): Promise<void> {
  const store = new Store({ endpoints, prefix });
  const raw = new Etcd3({ hosts: endpoints });
  let server: ChildProcess | undefined;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    server = await startConsole();
    const { allocator, poolId } = await benchPool(store, { start: '10.196.64.10/19', end: '10.196.95.250/19', pool: '10.196.64.0/19', host: 'bench-browser-host' });

    // When each consumer saw each change, keyed "add:<ip>" / "remove:<ip>".
    const rawSeen = new Map<string, number>();
    const rowSeen = new Map<string, number>();
    const watcher = await raw.watch().prefix(`${prefix}subnets/${poolId}/addrs/`).create();
    watcher.on('data', (response) => {
      const at = now();
      for (const event of response.events) rawSeen.set(`${event.type === 'Put' ? 'add' : 'remove'}:${event.kv.key.toString().split('/').pop() ?? ''}`, at);
    });

    const page = await browser.newPage({ baseURL });
    // Survives navigations; the observer that calls it is installed on each /ipam load.
    await page.exposeFunction('__rowSeen', (kind: string, address: string, at: number) => rowSeen.set(`${kind}:${address}`, at));
    await signInFreshAdmin(page, '');

    const openIpam = async () => {
      await page.goto('/ipam');
      await page.getByTestId('ipam-feed').filter({ hasText: 'live' }).waitFor();
      await observeRows(page);
    };
    const waitFor = async (key: string, map: Map<string, number>): Promise<number> => {
      for (let waited = 0; waited < 30_000; waited += 2) {
        const at = map.get(key);
        if (at !== undefined) {
          map.delete(key);
          return at;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      throw new Error(`${key} was not seen within 30 s`);
    };

    const changes = async (count: number): Promise<Latencies> => {
      const result: Latencies = { browser: [], raw: [] };
      const held: string[] = [];
      for (let change = 0; change < count; change++) {
        let key: string;
        rowSeen.clear();
        const started = now();
        if (change % 2 === 0) {
          const address = (await allocator.requestAddress({ poolId, kind: 'container', mac: randomMac() })).split('/')[0] ?? '';
          held.push(address);
          key = `add:${address}`;
        } else {
          const address = held.pop() ?? '';
          await allocator.releaseAddress(poolId, address, { force: true }); // free, not parked: the row must leave
          key = `remove:${address}`;
        }
        const seen = await waitFor(key, rowSeen).catch(async (error: unknown) => {
          const state = await page.evaluate(() => ({
            feed: document.querySelector('[data-testid="ipam-feed"]')?.textContent,
            revision: document.querySelector('[data-testid="ipam-revision"]')?.textContent,
            rows: document.querySelectorAll('[data-testid="allocations"] tbody tr').length,
          }));
          throw new Error(`${String(error)}; the page: ${JSON.stringify(state)}`);
        });
        result.browser.push(seen - started);
        result.raw.push((await waitFor(key, rawSeen)) - started);
        // The page's pool reload runs 200 ms after an event: let changes arrive as separate events.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return result;
    };

    await openIpam();
    const few = await changes(CHANGES);

    // 5,000 allocations written with the page closed, then the page loaded with all of them.
    await page.goto('about:blank');
    const writeStarted = now();
    let written = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (written < MANY) {
          written++;
          await allocator.requestAddress({ poolId, kind: 'container', mac: randomMac() });
        }
      }),
    );
    const writeMs = now() - writeStarted;
    rawSeen.clear();
    const loads: { rows: number; live: number; html: number; bytes: number }[] = [];
    for (let load = 0; load < LOADS; load++) {
      await page.goto('about:blank');
      await page.goto('/ipam', { waitUntil: 'commit' });
      // The table renders the rows in view (allocation-table.tsx): ready = the first screen of rows and the full count.
      const rows = await page.waitForFunction(
        (expected) =>
          document.querySelectorAll('[data-testid="allocations"] tbody tr[data-testid^="allocation-"]').length >= Math.min(expected, 20) &&
          document.body.textContent?.includes(`${expected} shown`)
            ? window.performance.now()
            : false,
        MANY,
        { polling: 'raf', timeout: 120_000 },
      );
      const live = await page.waitForFunction(() => (document.querySelector('[data-testid="ipam-feed"]')?.textContent === 'live' ? window.performance.now() : false), undefined, {
        polling: 'raf',
        timeout: 120_000,
      });
      const navigation = await page.evaluate(() => {
        const entry = window.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return { html: entry?.responseEnd ?? NaN, bytes: entry?.transferSize ?? NaN };
      });
      loads.push({ rows: Number(await rows.jsonValue()), live: Number(await live.jsonValue()), ...navigation });
    }
    await observeRows(page);
    // New addresses come after the 5,000 (the allocator fills upwards): look at the end of the table.
    await page.getByTestId('allocations-scroll').evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await page.waitForTimeout(200);
    const crowded = await changes(20);
    await watcher.cancel();

    console.log(`| etcd change → (ms, from just before the transaction) | changes | p50 | p95 | max |`);
    console.log('|---|---:|---:|---:|---:|');
    console.log(latencyRow('row visible in Chromium (few rows)', few.browser));
    console.log(latencyRow('raw etcd3 watch (baseline, same changes)', few.raw));
    console.log(latencyRow(`row visible in Chromium (${MANY} rows present)`, crowded.browser));
    console.log(latencyRow(`raw etcd3 watch (same ${crowded.raw.length} changes)`, crowded.raw));
    console.log(`\nrow visible p95 ÷ raw watch p95: ${(quantile(few.browser, 0.95) / quantile(few.raw, 0.95)).toFixed(2)} (target: row visible p95 ≤ 300 ms)`);
    console.log(`\n${MANY} allocations written through the allocator in ${(writeMs / 1000).toFixed(1)} s; page loads (median of ${LOADS}, ms from navigation start):`);
    console.log(`| HTML received | table ready (first screen of rows, "${MANY} shown") | live feed connected (hydrated) | transfer |`);
    console.log('|---:|---:|---:|---:|');
    console.log(`| ${median(loads.map((l) => l.html)).toFixed(0)} | ${median(loads.map((l) => l.rows)).toFixed(0)} | ${median(loads.map((l) => l.live)).toFixed(0)} | ${(median(loads.map((l) => l.bytes)) / 1024).toFixed(0)} KiB |`);
  } finally {
    await browser.close().catch(() => undefined);
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await store.deleteAll().catch(() => undefined);
    store.close();
    raw.close();
    const db = connectDatabase({ servers: process.env.SHIPYARD_DATABASE ?? '127.0.0.1:28015', db: database, log: () => undefined });
    await db.run(db.r.dbDrop(database)).catch(() => undefined);
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
