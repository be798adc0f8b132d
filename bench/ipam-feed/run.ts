// How fast an etcd change reaches the console's live feed: for 100 changes (50 allocations and
// their 50 releases, through the sidecar's own allocator), the time from just before the etcd
// transaction until the feed's SSE event for it is parsed (the events route's code path, with
// the engine lookup that names containers), compared in the same run with a bare etcd3 watch on
// the same keys. Needs the stack (source .state/env). Prints a table.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Etcd3 } from 'etcd3';
import { parseDockerEndpoint } from '../../lib/config/docker-endpoint';
import { EngineClient } from '../../lib/docker/engine-client';
import { Store } from '../../lib/ipam/store';
import { allocationContext } from '../../lib/ipam-view/allocations';
import { readEngineView } from '../../lib/ipam-view/engine-view';
import { ipamEventStream } from '../../lib/ipam-view/sse';
import type { IpamRevisionEvent } from '../../lib/ipam-view/types';
import { SseReader } from '../../tests/support/sse-reader';
import { benchPool } from '../support/bench-pool';
import { latencyRow, quantile } from '../support/latencies';
import { randomMac } from '../support/random-mac';

const CHANGES = Number(process.env.BENCH_CHANGES ?? 100);
const endpoints = (process.env.IPAM_CLUSTER_STORE ?? 'http://127.0.0.1:2379').split(',');
const prefix = `/shipyard-bench/${randomBytes(4).toString('hex')}/`;
const dockerUrl = process.env.SHIPYARD_DOCKER ?? '';

async function main(): Promise<void> {
  const endpoint = parseDockerEndpoint(dockerUrl, {});
  if (Array.isArray(endpoint)) throw new Error(`SHIPYARD_DOCKER: ${endpoint.join('; ')} (source .state/env)`);
  const docker = EngineClient.connect(endpoint);
  const store = new Store({ endpoints, prefix });
  const raw = new Etcd3({ hosts: endpoints });
  try {
    const { allocator, poolId } = await benchPool(store, { start: '10.196.99.10/24', end: '10.196.99.200/24', pool: '10.196.99.0/24', host: 'bench-host' });

    // Arrival time per etcd revision, from each consumer.
    const rawArrivals = new Map<string, number>();
    const feedArrivals = new Map<string, number>();
    const watcher = await raw.watch().prefix(`${prefix}subnets/${poolId}/addrs/`).create();
    watcher.on('data', (response) => {
      const at = performance.now();
      for (const event of response.events) rawArrivals.set(String(event.kv.mod_revision), at);
    });
    const feed = new SseReader(
      ipamEventStream({ store, after: undefined, context: () => allocationContext(store, () => readEngineView(docker)) }),
    );
    await feed.next();
    void (async () => {
      for (;;) {
        const message = await feed.next(600_000).catch(() => undefined);
        if (!message) return;
        if (message.event === 'ipam') feedArrivals.set((JSON.parse(message.data) as IpamRevisionEvent).revision, performance.now());
      }
    })();

    const feedMs: number[] = [];
    const rawMs: number[] = [];
    const held: string[] = [];
    for (let change = 0; change < CHANGES; change++) {
      const started = performance.now();
      const before = await store.currentRevision();
      if (change % 2 === 0) {
        held.push((await allocator.requestAddress({ poolId, kind: 'container', mac: randomMac() })).split('/')[0] ?? '');
      } else {
        await allocator.releaseAddress(poolId, held.pop() ?? '', { force: true }); // free, not parked (sticky.ts)
      }
      // The change's revision: the first address-key revision after `before` that both saw.
      for (;;) {
        const revision = [...feedArrivals.keys()].find((r) => BigInt(r) > BigInt(before) && rawArrivals.has(r));
        if (revision) {
          feedMs.push((feedArrivals.get(revision) ?? NaN) - started);
          rawMs.push((rawArrivals.get(revision) ?? NaN) - started);
          feedArrivals.delete(revision);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
    await watcher.cancel();
    await feed.cancel();

    console.log('| etcd change → event (ms, from just before the transaction) | changes | p50 | p95 | max |');
    console.log('|---|---:|---:|---:|---:|');
    console.log(latencyRow('console feed (SSE, with engine lookup)', feedMs));
    console.log(latencyRow('raw etcd3 watch (baseline)', rawMs));
    console.log(`\nfeed p95 ÷ raw p95: ${(quantile(feedMs, 0.95) / quantile(rawMs, 0.95)).toFixed(2)}`);
  } finally {
    await store.deleteAll().catch(() => undefined);
    store.close();
    raw.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
