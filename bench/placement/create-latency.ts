// The added latency of a placed create over a create with an explicit host, in the same run,
// alternating: explicit host; placed by a constraint (each engine's lean reading — the event-fed
// containers inventory, one image inspect — and the scheduler); placed on any host (with several
// engines); placed with cores: 1 (also the claim transaction in etcd and its binding). On the
// stack's engine, or on every engine of the environment (the lab's SHIPYARD_LAB_DOCKERS too).
import { randomBytes } from 'node:crypto';
import { createContainer } from '../../lib/containers/create-container';
import { createContainerSchema } from '../../lib/containers/container-schema';
import type { Actor, ContainerContext } from '../../lib/engines/context';
import { engineHandlesFrom, identify, stopEngines } from '../../lib/engines/engines';
import { EtcdStore } from '../../lib/etcd/store';
import { releaseContainer } from '../../lib/placement/core-claims';
import { openTestDatabase } from '../../prisma-free-db/testing/test-database';
import { quantile } from '../support/latencies';

export interface LatencyFigures {
  readonly label: string;
  readonly samples: number[];
}

export async function benchCreateLatency(rounds: number): Promise<{ engines: number; figures: LatencyFigures[] }> {
  const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
  const stamp = randomBytes(3).toString('hex');
  const etcd = (process.env.SHIPYARD_ETCD ?? process.env.IPAM_CLUSTER_STORE ?? 'http://127.0.0.1:2379').split(',');
  const store = new EtcdStore({ endpoints: etcd, prefix: `/shipyard-bench/placement-${stamp}/` });
  const handles = engineHandlesFrom(process.env);
  const context: ContainerContext = { handles, flatNetwork: null, placement: { store, strategy: 'spread', graceMs: 60_000 } };
  const database = await openTestDatabase('bench_placement');
  const actor: Actor = { username: 'bench', role: 'admin', address: 'bench', database: database.db };
  const [handle] = handles;
  if (!handle) throw new Error('SHIPYARD_DOCKER is not set: source the stack env first');
  const host = (await identify(handle)).identity.host;
  const variants: { label: string; fields: Record<string, unknown> }[] = [
    { label: 'explicit host', fields: { host } },
    { label: `placed: constraint:node==${host}`, fields: { env: [`constraint:node==${host}`] } },
    ...(handles.length > 1 ? [{ label: `placed: any of ${handles.length} hosts (spread)`, fields: {} }] : []),
    { label: 'placed: cores: 1 (claim + bind in etcd)', fields: { cores: 1 } },
  ];
  const byHost = new Map(await Promise.all(handles.map(async (each) => [(await identify(each)).identity.host, each] as const)));
  const samples = variants.map(() => [] as number[]);
  try {
    for (let round = -2; round < rounds; round += 1) {
      for (const [index, variant] of variants.entries()) {
        const input = createContainerSchema.parse({ image, name: `bench-place-${stamp}-${round + 2}-${index}`, command: ['sleep', '60'], start: false, ...variant.fields });
        const started = performance.now();
        const created = await createContainer(context, actor, input);
        const elapsed = performance.now() - started;
        if (round >= 0) samples[index]?.push(elapsed); // the first two rounds warm up
        await (byHost.get(created.host) ?? handle).client.removeContainer(created.id, { force: true });
        await releaseContainer(store, created.host, created.id);
      }
    }
  } finally {
    await store.deleteAll().catch(() => undefined);
    store.close();
    stopEngines(handles);
    await database.dispose();
  }
  return { engines: handles.length, figures: variants.map((variant, index) => ({ label: variant.label, samples: samples[index] ?? [] })) };
}

export const median = (values: number[]) => quantile(values, 0.5);
