// npm run bench:ipam-sim: 100 sidecar host ids (allocators in this process, no dockerd) place
// 10,000 addresses in one /18 against a 3-member etcd (the lab's: source <(bash scripts/lab env);
// else IPAM_CLUSTER_STORE), each host BENCH_SIM_WIDTH requests at a time. Reports the time, the
// lost races (claims beyond one per address), the etcd transactions the claims took, duplicates
// (read back from etcd: must be 0) and the etcd database size; then, as the baseline, bare etcd3
// clients placing the same number of addresses with the same transaction, handed out by a counter.
//   BENCH_SIM_HOSTS (100), BENCH_SIM_ADDRESSES (10000), BENCH_SIM_WIDTH (4), BENCH_SIM_CONNECTIONS (20)
import { randomBytes } from 'node:crypto';
import { Etcd3 } from 'etcd3';
import { Allocator } from '../../lib/ipam/allocator';
import { formatIpv4, parseIpv4 } from '../../lib/ipam/ipv4';
import { parseRangeFlags } from '../../lib/ipam/ranges';
import { Store } from '../../lib/ipam/store';
import { addContainerRange } from '../../lib/ipam/subnet-config';
import { rawAllocate } from '../ipam/raw-etcd';
import { verifyPool } from './verify';

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const endpoints = (process.env.SHIPYARD_LAB_ETCD ?? process.env.IPAM_CLUSTER_STORE ?? 'http://127.0.0.1:2379').split(',');
const runId = randomBytes(3).toString('hex');
const prefix = `/shipyard-bench-sim/${runId}/`;
const POOL = '10.192.0.0/18';
const POOL_ID = '10.192.0.0-18';
const log = (line: string) => process.stderr.write(`${line}\n`);
const macOf = (host: number, index: number) =>
  ['06', '51', host, index >> 16, (index >> 8) & 255, index & 255].map((b) => Number(b).toString(16).padStart(2, '0')).join(':');

async function dbSizes(client: Etcd3): Promise<number[]> {
  return Promise.all(
    endpoints.map(async (endpoint) => {
      const member = new Etcd3({ hosts: [endpoint] });
      try {
        return Number((await member.maintenance.status({})).dbSize);
      } finally {
        member.close();
      }
    }),
  ).catch(async () => [Number((await client.maintenance.status({})).dbSize)]);
}

/** Runs `jobs` at most `width` at a time; resolves when all are done. */
async function limited(count: number, width: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, count) }, async () => {
    while (next < count) await job(next++);
  }));
}

async function main(): Promise<void> {
  const hostCount = setting('BENCH_SIM_HOSTS', 100);
  const total = setting('BENCH_SIM_ADDRESSES', 10_000);
  const width = setting('BENCH_SIM_WIDTH', 4);
  const connections = setting('BENCH_SIM_CONNECTIONS', 20);
  const admin = new Etcd3({ hosts: endpoints });
  const stores = Array.from({ length: Math.min(connections, hostCount) }, () => new Store({ endpoints, prefix }));
  try {
    const sizeBefore = await dbSizes(admin);
    await addContainerRange(stores[0] as Store, parseRangeFlags('10.192.0.1/18', '10.192.63.254/18'));
    const hosts = Array.from({ length: hostCount }, (_, index) => new Allocator(stores[index % stores.length] as Store, `sim-h${index + 1}`));
    for (const host of hosts) await host.requestPool({ pool: POOL });
    log(`bench: ${hostCount} hosts placing ${total} addresses in ${POOL} on etcd ${endpoints.join(',')}…`);
    const perHost = Math.ceil(total / hostCount);
    const given: string[] = [];
    let errors = 0;
    let firstError: string | undefined;
    const started = performance.now();
    await Promise.all(
      hosts.map((host, hostIndex) =>
        limited(Math.min(perHost, total - hostIndex * perHost), width, async (index) => {
          try {
            given.push(await host.requestAddress({ poolId: POOL_ID, mac: macOf(hostIndex, index), kind: 'container' }));
          } catch (error) {
            errors++;
            firstError ??= error instanceof Error ? (error.constructor.name === 'Error' ? error.message : error.constructor.name) : String(error);
            if (errors <= 2) log(`bench: error: ${error instanceof Error ? error.message : String(error)}`);
          }
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const claims = hosts.reduce((sum, host) => sum + host.claimStats.claims, 0);
    const transactions = hosts.reduce((sum, host) => sum + host.claimStats.transactions, 0);
    const check = await verifyPool(stores[0] as Store, POOL_ID, given);
    const sizeAfter = await dbSizes(admin);

    log('bench: baseline, bare etcd3 clients…');
    const rawPrefix = `${prefix}raw/`;
    const rawClients = Array.from({ length: stores.length }, () => new Etcd3({ hosts: endpoints }));
    const first = parseIpv4('10.192.0.1') ?? 0;
    let rawNext = 0;
    const rawStarted = performance.now();
    await limited(total, hostCount * width, async () => {
      const index = rawNext++;
      const client = rawClients[index % rawClients.length] as Etcd3;
      await rawAllocate(client, rawPrefix, formatIpv4(first + index), macOf(255, index), `sim-raw-${index % hostCount}`);
    });
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    rawClients.forEach((client) => client.close());

    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    console.log(`\n${hostCount} hosts × ${width} requests in flight each, ${total} addresses in ${POOL}, etcd of ${endpoints.length} endpoints, ${stores.length} client connections\n`);
    console.log('| measure | value |');
    console.log('|---|---:|');
    console.log(`| time to place ${given.length} addresses | ${seconds.toFixed(1)} s (${(given.length / seconds).toFixed(0)}/s) |`);
    console.log(`| baseline: bare etcd3, same transaction, counter-chosen addresses | ${rawSeconds.toFixed(1)} s (${(total / rawSeconds).toFixed(0)}/s) |`);
    console.log(`| errors (requests that failed) | ${errors}${firstError ? `: ${firstError}` : ''} |`);
    console.log(`| contention retries (claims beyond one per address) | ${claims - given.length} of ${claims} claims |`);
    console.log(`| etcd transactions for the claims (group commit) | ${transactions} (${(claims / transactions).toFixed(1)} claims each) |`);
    console.log(`| duplicates (an address given to two requests) | ${check.duplicates} |`);
    console.log(`| records in etcd / of requests that failed (committed after the 3 s bound) / MAC index mismatches | ${check.records} / ${check.unanswered} / ${check.indexMismatches} |`);
    console.log(`| etcd db size per member before → after (MB) | ${sizeBefore.map(mb).join(', ')} → ${sizeAfter.map(mb).join(', ')} |`);
    if (errors > 0 || check.duplicates > 0 || check.indexMismatches > 0) process.exitCode = 1;
  } finally {
    await admin.delete().prefix(prefix).exec().catch(() => undefined);
    admin.close();
    stores.forEach((store) => store.close());
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
