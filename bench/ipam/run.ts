// npm run bench:ipam (with the stack's env sourced): RequestAddress throughput and latency of the
// plugin over unix sockets against bare etcd3 clients running the same transactions, for 1 and 3
// instances at concurrency 1, 8 and 32, each filling a /20; then docker run on the plugin's
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
import { compareDockerRun, dockerCli } from './docker-run';
import { type BenchInstance, peakRssMb, post, startInstance, stopInstance } from './instances';
import { type LoadResult, runLoad } from './load';
import { rawAllocate, rawClients } from './raw-etcd';

const endpoints = (process.env.IPAM_CLUSTER_STORE ?? 'http://127.0.0.1:2379').split(',');
const runId = randomBytes(3).toString('hex');
const benchPrefix = `/shipyard-bench/${runId}/`;
const FIRST = parseIpv4('10.198.0.1') ?? 0;
const POOL_SIZE = 4094; // 10.198.0.1 - 10.198.15.254, a /20
const POOL_ID = '10.198.0.0-20';
let peakRss = 0;

const macOf = (index: number, salt: number) =>
  ['02', '43', salt, index >> 16, (index >> 8) & 255, index & 255].map((b) => Number(b).toString(16).padStart(2, '0')).join(':');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function pluginCell(instances: number, concurrency: number, salt: number): Promise<LoadResult> {
  const prefix = `${benchPrefix}p${instances}c${concurrency}/`;
  const store = new Store({ endpoints, prefix });
  await addContainerRange(store, parseRangeFlags('10.198.0.1/20', '10.198.15.254/20'));
  const dir = mkdtempSync(join(tmpdir(), 'sybench-'));
  const running: BenchInstance[] = await Promise.all(
    Array.from({ length: instances }, (_, i) => startInstance({ endpoints, prefix, socketPath: join(dir, `b${i}.sock`), hostId: `bench-h${i}` })),
  );
  try {
    for (const instance of running) await post(instance, '/IpamDriver.RequestPool', { Pool: '10.198.0.0/20' });
    const given = new Set<string>();
    const result = await runLoad(POOL_SIZE, concurrency, async (index) => {
      const instance = running[index % instances] ?? running[0];
      if (!instance) return false;
      const reply = await post(instance, '/IpamDriver.RequestAddress', {
        PoolID: POOL_ID,
        Address: '',
        Options: { 'com.docker.network.endpoint.macaddress': macOf(index, salt) },
      });
      if (reply.status === 200) given.add(String(reply.body.Address));
      return reply.status === 200;
    });
    if (given.size !== POOL_SIZE - result.failures) throw new Error(`duplicate addresses: ${given.size} distinct of ${POOL_SIZE}`);
    for (const instance of running) peakRss = Math.max(peakRss, peakRssMb(instance.child.pid));
    return result;
  } finally {
    await Promise.all(running.map(stopInstance));
    await store.deleteAll();
    store.close();
  }
}

async function rawCell(instances: number, concurrency: number, salt: number): Promise<LoadResult> {
  const prefix = `${benchPrefix}r${instances}c${concurrency}/`;
  const raw = rawClients(endpoints, instances);
  try {
    return await runLoad(POOL_SIZE, concurrency, (index) => {
      const client = raw.clients[index % instances] ?? raw.clients[0];
      if (!client) return Promise.resolve(false);
      return rawAllocate(client, prefix, formatIpv4(FIRST + index), macOf(index, salt), `bench-h${index % instances}`);
    });
  } finally {
    await raw.clients[0]?.delete().prefix(prefix).exec();
    raw.close();
  }
}

async function dockerRunCell(): Promise<{ pluginMs: number; bridgeMs: number } | undefined> {
  const pluginDir = process.env.IPAM_PLUGIN_DIR;
  if (!pluginDir || !process.env.SHIPYARD_DOCKER) return undefined;
  const octet = 100 + (parseInt(runId.slice(0, 2), 16) % 150);
  const net = `10.197.${octet}`;
  const driver = `talkingdata-bench-${runId}`;
  const network = `sybench-${runId}`;
  const prefix = `${benchPrefix}docker/`;
  const store = new Store({ endpoints, prefix });
  await addContainerRange(store, parseRangeFlags(`${net}.10/24`, `${net}.250/24`));
  const instance = await startInstance({ endpoints, prefix, socketPath: join(pluginDir, `${driver}.sock`), hostId: `bench-docker-${runId}` });
  try {
    await dockerCli(
      'network', 'create',
      '--opt=com.docker.network.bridge.enable_icc=true',
      '--opt=com.docker.network.bridge.enable_ip_masquerade=false',
      '--opt=com.docker.network.bridge.host_binding_ipv4=0.0.0.0',
      `--opt=com.docker.network.bridge.name=syb${runId}`,
      '--opt=com.docker.network.driver.mtu=1500',
      `--ipam-driver=${driver}`, `--subnet=${net}.0/24`, `--gateway=${net}.1`, `--aux-address=DefaultGatewayIPv4=${net}.254`,
      network,
    );
    const result = await compareDockerRun(network, process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local', 10);
    peakRss = Math.max(peakRss, peakRssMb(instance.child.pid));
    return result;
  } finally {
    await dockerCli('network', 'rm', network).catch(() => undefined);
    await stopInstance(instance);
    await store.deleteAll();
    store.close();
  }
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

async function main(): Promise<void> {
  const rows: string[] = [];
  let salt = 0;
  for (const instances of [1, 3]) {
    for (const concurrency of [1, 8, 32]) {
      log(`bench: ${instances} instance(s), concurrency ${concurrency}: raw etcd…`);
      const raw = await rawCell(instances, concurrency, salt++);
      log(`bench: ${instances} instance(s), concurrency ${concurrency}: plugin…`);
      const plugin = await pluginCell(instances, concurrency, salt++);
      rows.push(
        `| ${instances} | ${concurrency} | ${fixed(plugin.perSecond, 0)} | ${fixed(raw.perSecond, 0)} | ${fixed(plugin.perSecond / raw.perSecond, 2)} | ` +
          `${fixed(plugin.p50Ms)} | ${fixed(plugin.p99Ms)} | ${fixed(raw.p50Ms)} | ${fixed(raw.p99Ms)} | ${fixed(plugin.p99Ms / raw.p99Ms, 2)} | ${plugin.failures} |`,
      );
    }
  }
  log('bench: docker run on the plugin network vs the default bridge…');
  const docker = await dockerRunCell();
  const cleanup = new Etcd3({ hosts: endpoints });
  await cleanup.delete().prefix(benchPrefix).exec();
  cleanup.close();

  const out = [
    `RequestAddress filling a /20 (${POOL_SIZE} addresses) per cell; etcd ${endpoints.join(',')}`,
    '',
    '| instances | concurrency | plugin alloc/s | raw etcd alloc/s | rate ratio | plugin p50 ms | plugin p99 ms | raw p50 ms | raw p99 ms | p99 ratio | plugin errors |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    '| docker run --rm (median of 10) | ms |',
    '|---|---:|',
    ...(docker
      ? [`| plugin network | ${fixed(docker.pluginMs, 0)} |`, `| default bridge | ${fixed(docker.bridgeMs, 0)} |`, `| ratio | ${fixed(docker.pluginMs / docker.bridgeMs, 2)} |`]
      : ['| skipped (no SHIPYARD_DOCKER / IPAM_PLUGIN_DIR) | - |']),
    '',
    `plugin peak resident memory (VmHWM, max over instances): ${fixed(peakRss)} MB`,
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
