// npm run bench:ipam (with the stack's env sourced): RequestAddress throughput and latency of the
// plugin over unix sockets against bare etcd3 clients running the same transactions, for 1 and 3
// instances at concurrency 1, 8 and 32, each filling a /20, every cell BENCH_REPEATS times with the
// sides taking turns to go first (for 3 instances also raw clients in 3 processes, raw-processes.ts); then docker run on the plugin's
// network against the default bridge, and the plugin's peak memory. Prints markdown tables.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import { formatIpv4, parseIpv4 } from '../../lib/ipam/ipv4';
import { parseRangeFlags } from '../../lib/ipam/ranges';
import { Store } from '../../lib/ipam/store';
import { addContainerRange } from '../../lib/ipam/subnet-config';
import { type DockerRunTimes, compareDockerRun, dockerCli } from './docker-run';
import { type BenchInstance, buildBundle, post, rssMb, startInstance, stopInstance } from './instances';
import { type LoadResult, runLoad } from './load';
import { etcdPidsServing } from '../support/etcd-pids';
import { totalCpuMs } from '../support/process-cpu';

/** A cell's load figures with the CPU time each side spent per allocation (robust to machine load, unlike rates). */
interface CellResult extends LoadResult {
  /** The plugin processes' CPU (0 for raw: there is none). */
  readonly serverCpuMsPerOp: number;
  /** This process's CPU: the raw etcd3 clients, or the HTTP clients calling the plugin. */
  readonly clientCpuMsPerOp: number;
  /** The etcd members' CPU (NaN when they are not processes of this machine). */
  readonly etcdCpuMsPerOp: number;
}

function clientCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
import { rawAllocate, rawClients } from './raw-etcd';
import { type RawProcessesResult, rawProcessesCell } from './raw-processes';

const endpoints = (process.env.IPAM_CLUSTER_STORE ?? 'http://127.0.0.1:2379').split(',');
const etcdPids = etcdPidsServing(endpoints);
const etcdCpuMs = () => (etcdPids.length > 0 ? totalCpuMs(etcdPids) : Number.NaN);
const runId = randomBytes(3).toString('hex');
const benchPrefix = `/shipyard-bench/${runId}/`;
const FIRST = parseIpv4('10.198.0.1') ?? 0;
// BENCH_FILL: RequestAddress calls per cell (default 4094: the whole /20, 10.198.0.1 - 10.198.15.254).
const POOL_SIZE = Math.min(4094, Math.max(1, Number(process.env.BENCH_FILL ?? 4094) || 4094));
const POOL_ID = '10.198.0.0-20';
// BENCH_WARMUP (600): allocations made on each side before a cell is timed, at the cell's
// concurrency, into a pool of their own: each plugin cell starts fresh processes whose code is not
// compiled yet, where the raw clients live in this long-running process; a sidecar runs for days.
const WARMUP = Math.max(0, Number(process.env.BENCH_WARMUP ?? 600) || 0);
const WARMUP_POOL = { pool: '10.199.0.0/20', id: '10.199.0.0-20', first: '10.199.0.1/20', last: '10.199.15.254/20' };
let peakRss = 0;
let transportErrors = 0;
let idleRss = 0;
// BENCH_CELLS="1x8,3x32" runs only those cells (instances x concurrency); BENCH_DOCKER=0 skips docker run.
const cellFilter = process.env.BENCH_CELLS?.split(',').filter(Boolean);

const macOf = (index: number, salt: number) =>
  ['02', '43', salt, index >> 16, (index >> 8) & 255, index & 255].map((b) => Number(b).toString(16).padStart(2, '0')).join(':');
const log = (line: string) => process.stderr.write(`${line}\n`);
const fixed = (value: number, digits = 1) => value.toFixed(digits);

async function pluginCell(instances: number, concurrency: number, salt: number): Promise<CellResult> {
  const prefix = `${benchPrefix}p${instances}c${concurrency}/`;
  const store = new Store({ endpoints, prefix });
  await addContainerRange(store, parseRangeFlags('10.198.0.1/20', '10.198.15.254/20'));
  if (WARMUP > 0) await addContainerRange(store, parseRangeFlags(WARMUP_POOL.first, WARMUP_POOL.last));
  const dir = mkdtempSync(join(tmpdir(), 'sybench-'));
  const running: BenchInstance[] = await Promise.all(
    Array.from({ length: instances }, (_, i) => startInstance({ endpoints, prefix, socketPath: join(dir, `b${i}.sock`), hostId: `bench-h${i}` })),
  );
  try {
    for (const instance of running) await post(instance, '/IpamDriver.RequestPool', { Pool: '10.198.0.0/20' });
    if (WARMUP > 0) {
      for (const instance of running) await post(instance, '/IpamDriver.RequestPool', { Pool: WARMUP_POOL.pool });
      await runLoad(WARMUP, concurrency, async (index) => {
        const instance = running[index % instances] ?? running[0];
        if (!instance) return false;
        const body = { PoolID: WARMUP_POOL.id, Address: '', Options: { 'com.docker.network.endpoint.macaddress': macOf(index, 250 - (salt % 200)) } };
        return (await post(instance, '/IpamDriver.RequestAddress', body)).status === 200;
      });
    }
    for (const instance of running) idleRss = Math.max(idleRss, rssMb(instance.child.pid, 'VmRSS'));
    const given = new Set<string>();
    const pids = running.flatMap((instance) => (instance.child.pid === undefined ? [] : [instance.child.pid]));
    const serverBefore = totalCpuMs(pids);
    const clientBefore = clientCpuMs();
    const etcdBefore = etcdCpuMs();
    const result = await runLoad(POOL_SIZE, concurrency, async (index) => {
      const instance = running[index % instances] ?? running[0];
      if (!instance) return false;
      const body = { PoolID: POOL_ID, Address: '', Options: { 'com.docker.network.endpoint.macaddress': macOf(index, salt) } };
      // A reset connection is retried once with the same MAC, as Docker does (idempotent); a dead
      // plugin fails the request, which the table counts as an error.
      const reply = await post(instance, '/IpamDriver.RequestAddress', body)
        .catch(() => post(instance, '/IpamDriver.RequestAddress', body))
        .catch((error: unknown): { status: number; body: Record<string, unknown> } => {
          if (++transportErrors <= 3) log(`bench: RequestAddress failed: ${error instanceof Error ? error.message : String(error)}${instance.child.exitCode !== null || instance.child.signalCode !== null ? ' (the plugin process exited)' : ''}`);
          return { status: 0, body: {} };
        });
      if (reply.status === 200) given.add(String(reply.body.Address));
      return reply.status === 200;
    });
    if (given.size !== POOL_SIZE - result.failures) throw new Error(`duplicate addresses: ${given.size} distinct of ${POOL_SIZE}`);
    const cellPeak = Math.max(...running.map((instance) => rssMb(instance.child.pid)));
    log(`bench: plugin peak resident memory in this cell ${fixed(cellPeak)} MB`);
    peakRss = Math.max(peakRss, cellPeak);
    return {
      ...result,
      serverCpuMsPerOp: (totalCpuMs(pids) - serverBefore) / POOL_SIZE,
      clientCpuMsPerOp: (clientCpuMs() - clientBefore) / POOL_SIZE,
      etcdCpuMsPerOp: (etcdCpuMs() - etcdBefore) / POOL_SIZE,
    };
  } finally {
    await Promise.all(running.map(stopInstance));
    await store.deleteAll();
    store.close();
  }
}

async function rawCell(instances: number, concurrency: number, salt: number): Promise<CellResult> {
  const prefix = `${benchPrefix}r${instances}c${concurrency}/`;
  const raw = rawClients(endpoints, instances);
  if (WARMUP > 0) {
    await runLoad(WARMUP, concurrency, (index) => {
      const client = raw.clients[index % instances] ?? raw.clients[0];
      if (!client) return Promise.resolve(false);
      return rawAllocate(client, `${prefix}warmup/`, formatIpv4(FIRST + index), macOf(index, salt), `bench-h${index % instances}`);
    });
  }
  const clientBefore = clientCpuMs();
  const etcdBefore = etcdCpuMs();
  try {
    const result = await runLoad(POOL_SIZE, concurrency, (index) => {
      const client = raw.clients[index % instances] ?? raw.clients[0];
      if (!client) return Promise.resolve(false);
      return rawAllocate(client, prefix, formatIpv4(FIRST + index), macOf(index, salt), `bench-h${index % instances}`);
    });
    return {
      ...result,
      serverCpuMsPerOp: 0,
      clientCpuMsPerOp: (clientCpuMs() - clientBefore) / POOL_SIZE,
      etcdCpuMsPerOp: (etcdCpuMs() - etcdBefore) / POOL_SIZE,
    };
  } finally {
    await raw.clients[0]?.delete().prefix(prefix).exec();
    raw.close();
  }
}

async function dockerRunCell(): Promise<DockerRunTimes | undefined> {
  const pluginDir = process.env.IPAM_PLUGIN_DIR;
  if (!pluginDir || !process.env.SHIPYARD_DOCKER || process.env.BENCH_DOCKER === '0') return undefined;
  const octet = 100 + (parseInt(runId.slice(0, 2), 16) % 150);
  const net = `10.197.${octet}`;
  const driver = `talkingdata-bench-${runId}`;
  const network = `sybench-${runId}`;
  const customBridge = `sybench-${runId}-default-ipam`;
  const prefix = `${benchPrefix}docker/`;
  const store = new Store({ endpoints, prefix });
  await addContainerRange(store, parseRangeFlags(`${net}.10/24`, `${net}.250/24`));
  const instance = await startInstance({ endpoints, prefix, socketPath: join(pluginDir, `${driver}.sock`), hostId: `bench-docker-${runId}` });
  try {
    const seedOptions = (bridge: string) => [
      '--opt=com.docker.network.bridge.enable_icc=true',
      '--opt=com.docker.network.bridge.enable_ip_masquerade=false',
      '--opt=com.docker.network.bridge.host_binding_ipv4=0.0.0.0',
      `--opt=com.docker.network.bridge.name=${bridge}`,
      '--opt=com.docker.network.driver.mtu=1500',
    ];
    await dockerCli(
      'network', 'create', ...seedOptions(`syb${runId}`),
      `--ipam-driver=${driver}`, `--subnet=${net}.0/24`, `--gateway=${net}.1`, `--aux-address=DefaultGatewayIPv4=${net}.254`,
      network,
    );
    // The same network with Docker's own IPAM, on the neighbouring /24.
    const other = `10.197.${octet + 1}`;
    await dockerCli(
      'network', 'create', ...seedOptions(`sybd${runId}`),
      `--subnet=${other}.0/24`, `--gateway=${other}.1`, `--aux-address=DefaultGatewayIPv4=${other}.254`,
      customBridge,
    );
    const result = await compareDockerRun(network, customBridge, process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local', 10);
    peakRss = Math.max(peakRss, rssMb(instance.child.pid));
    return result;
  } finally {
    await dockerCli('network', 'rm', network).catch(() => undefined);
    await dockerCli('network', 'rm', customBridge).catch(() => undefined);
    await stopInstance(instance);
    await store.deleteAll();
    store.close();
  }
}


function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function processesCell(instances: number, concurrency: number, salt: number): Promise<RawProcessesResult> {
  const prefix = `${benchPrefix}q${instances}c${concurrency}s${salt}/`;
  try {
    return await rawProcessesCell({
      endpoints,
      prefix,
      instances,
      concurrency,
      total: POOL_SIZE,
      warmup: WARMUP,
      firstAddress: FIRST,
      macOf: (index) => macOf(index, salt),
    });
  } finally {
    const cleanup = new Etcd3({ hosts: endpoints });
    await cleanup.delete().prefix(prefix).exec();
    cleanup.close();
  }
}

type Side = 'raw' | 'plugin' | 'processes';

/** Each repeat starts with a different side, so no side always runs first. */
function sidesOf(repeat: number, withProcesses: boolean): Side[] {
  const sides: Side[] = withProcesses ? ['raw', 'plugin', 'processes'] : ['raw', 'plugin'];
  const shift = repeat % sides.length;
  return [...sides.slice(shift), ...sides.slice(0, shift)];
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const processRows: string[] = [];
  const summary: string[] = [];
  let salt = 0;
  // BENCH_REPEATS (3): each cell runs this many times, the sides taking turns to go first.
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  buildBundle();
  for (const instances of [1, 3]) {
    for (const concurrency of [1, 8, 32]) {
      if (cellFilter && !cellFilter.includes(`${instances}x${concurrency}`)) continue;
      // Several plugin instances are processes of their own; so are several hosts' raw clients.
      // (One request at a time cannot be split between processes: concurrency 1 has no such side.)
      const withProcesses = instances > 1 && concurrency >= instances;
      const rateRatios: number[] = [];
      const p99Ratios: number[] = [];
      const processRateRatios: number[] = [];
      const processP99Ratios: number[] = [];
      for (let repeat = 0; repeat < repeats; repeat++) {
        const order = sidesOf(repeat, withProcesses);
        let raw: CellResult | undefined;
        let plugin: CellResult | undefined;
        let processes: RawProcessesResult | undefined;
        for (const side of order) {
          log(`bench: ${instances} instance(s), concurrency ${concurrency}, repeat ${repeat + 1}: ${side}…`);
          if (side === 'raw') raw = await rawCell(instances, concurrency, salt++);
          else if (side === 'plugin') plugin = await pluginCell(instances, concurrency, salt++);
          else processes = await processesCell(instances, concurrency, salt++);
        }
        if (!raw || !plugin) throw new Error('a side of the cell did not run');
        rateRatios.push(plugin.perSecond / raw.perSecond);
        p99Ratios.push(plugin.p99Ms / raw.p99Ms);
        const line =
          `| ${instances} | ${concurrency} | ${repeat + 1} | ${order[0]} | ${fixed(plugin.perSecond, 0)} | ${fixed(raw.perSecond, 0)} | ${fixed(plugin.perSecond / raw.perSecond, 2)} | ` +
            `${fixed(plugin.p50Ms)} | ${fixed(plugin.p99Ms)} | ${fixed(raw.p50Ms)} | ${fixed(raw.p99Ms)} | ${fixed(plugin.p99Ms / raw.p99Ms, 2)} | ${plugin.failures} | ` +
          `${fixed(plugin.serverCpuMsPerOp, 2)} | ${fixed(plugin.clientCpuMsPerOp, 2)} | ${fixed(raw.clientCpuMsPerOp, 2)} | ${fixed(plugin.etcdCpuMsPerOp, 2)} | ${fixed(raw.etcdCpuMsPerOp, 2)} |`;
        rows.push(line);
        log(`bench: row ${line}`);
        if (processes) {
          processRateRatios.push(plugin.perSecond / processes.perSecond);
          processP99Ratios.push(plugin.p99Ms / processes.p99Ms);
          processRows.push(
            `| ${instances} | ${concurrency} | ${repeat + 1} | ${fixed(processes.perSecond, 0)} | ${fixed(processes.p50Ms)} | ${fixed(processes.p99Ms)} | ${processes.failures} | ` +
              `${fixed(processes.clientCpuMsPerOp, 2)} | ${fixed(plugin.perSecond / processes.perSecond, 2)} | ${fixed(plugin.p99Ms / processes.p99Ms, 2)} |`,
          );
        }
      }
      const ratios = (values: number[]) => (values.length > 0 ? values.map((ratio) => fixed(ratio, 2)).join(' / ') : '-');
      const middle = (values: number[]) => (values.length > 0 ? fixed(median(values), 2) : '-');
      summary.push(
        `| ${instances} | ${concurrency} | ${middle(rateRatios)} | ${middle(p99Ratios)} | ${ratios(rateRatios)} | ${ratios(p99Ratios)} | ` +
          `${middle(processRateRatios)} | ${middle(processP99Ratios)} | ${ratios(processRateRatios)} |`,
      );
    }
  }
  log('bench: docker run on the plugin network vs the default bridge…');
  const docker = await dockerRunCell();
  const cleanup = new Etcd3({ hosts: endpoints });
  await cleanup.delete().prefix(benchPrefix).exec();
  cleanup.close();

  const out = [
    `RequestAddress ${POOL_SIZE === 4094 ? 'filling' : 'into'} a /20 (${POOL_SIZE} of 4094 addresses) per cell, after ${WARMUP} untimed ones on each side; etcd ${endpoints.join(',')}`,
    '',
    '| instances | concurrency | repeat | first | plugin alloc/s | raw etcd alloc/s | rate ratio | plugin p50 ms | plugin p99 ms | raw p50 ms | raw p99 ms | p99 ratio | plugin errors | plugin CPU ms/alloc | its callers\' CPU ms/alloc | raw client CPU ms/alloc | etcd CPU ms/alloc (plugin) | etcd CPU ms/alloc (raw) |',
    '|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    'The raw baseline with one etcd3 client per process, the concurrency split between them, as several hosts run it (cells of several instances at concurrency ≥ their number):',
    '',
    '| instances | concurrency | repeat | raw, a process per instance alloc/s | p50 ms | p99 ms | errors | its CPU ms/alloc | plugin rate ÷ it | plugin p99 ÷ it |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...processRows,
    '',
    `| instances | concurrency | median rate ratio | median p99 ratio | rate ratios (each repeat) | p99 ratios (each repeat) | median rate ratio, raw a process per instance | median p99 ratio, same | rate ratios, same |`,
    '|---:|---:|---:|---:|---|---|---:|---:|---|',
    ...summary,
    '',
    '| docker run --rm (median of 10, interleaved) | ms | plugin network ÷ this |',
    '|---|---:|---:|',
    ...(docker
      ? [
          `| plugin network (seed options, our IPAM) | ${fixed(docker.pluginMs, 0)} | 1.00 |`,
          `| same options, Docker's default IPAM | ${fixed(docker.customBridgeMs, 0)} | ${fixed(docker.pluginMs / docker.customBridgeMs, 2)} |`,
          `| default bridge | ${fixed(docker.bridgeMs, 0)} | ${fixed(docker.pluginMs / docker.bridgeMs, 2)} |`,
        ]
      : ['| skipped (no SHIPYARD_DOCKER / IPAM_PLUGIN_DIR, or BENCH_DOCKER=0) | - | - |']),
    '',
    `plugin resident memory (max over instances): ${fixed(idleRss)} MB idle (VmRSS after RequestPool), ${fixed(peakRss)} MB peak (VmHWM)`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
