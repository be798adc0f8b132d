// What claiming costs one decision on the stack's etcd (3 simulated hosts, alternating, medians):
// the claims' read alone (nothing to claim), cores: 1 (one create-if-absent transaction), memory
// (the host's ledger read with the claims, written in a transaction guarded by its revision),
// and both in one transaction. Each claim is released after its sample (not timed). Then the
// same memory decision by 8 requests at once on one host's ledger, to show what contention adds.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { EtcdStore } from '../../lib/etcd/store';
import { releaseClaim } from '../../lib/placement/core-claims';
import { placeAndClaim } from '../../lib/placement/place-and-claim';
import type { EngineReading } from '../../lib/placement/read-inventory';
import { request } from '../../lib/placement/testing-inventory';
import type { LatencyFigures } from './create-latency';

const MIB = 1024 * 1024;

function engine(host: string): EngineReading {
  return { state: 'up', host, cpus: 8, memoryBytes: 64 * 1024 * MIB, labels: {}, images: new Set(['busybox:latest']), networks: new Set(['br0']), containers: [] };
}

export async function benchClaimLatency(rounds: number): Promise<LatencyFigures[]> {
  const etcd = (process.env.SHIPYARD_ETCD ?? process.env.IPAM_CLUSTER_STORE ?? 'http://127.0.0.1:2379').split(',');
  const store = new EtcdStore({ endpoints: etcd, prefix: `/shipyard-bench/claims-${randomBytes(3).toString('hex')}/` });
  const readings = ['c1', 'c2', 'c3'].map(engine);
  const kinds = [
    { label: 'decision, nothing to claim (the claims read)', cores: 0, memoryBytes: 0 },
    { label: 'cores: 1', cores: 1, memoryBytes: 0 },
    { label: 'memory 256 MiB', cores: 0, memoryBytes: 256 * MIB },
    { label: 'cores: 1 + memory 256 MiB (one transaction)', cores: 1, memoryBytes: 256 * MIB },
  ];
  const figures: LatencyFigures[] = [...kinds.map((kind) => ({ label: kind.label, samples: [] as number[] })), { label: '8 memory decisions at once on one host (each)', samples: [] }];
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const [index, kind] of kinds.entries()) {
        const started = performance.now();
        const placed = await placeAndClaim(store, readings, request(kind), `bench-${round}`);
        figures[index]?.samples.push(performance.now() - started);
        if (placed.claim) await releaseClaim(store, placed.host, placed.claim);
      }
      const contended = await Promise.all(
        Array.from({ length: 8 }, async (_, index) => {
          const started = performance.now();
          const placed = await placeAndClaim(store, [engine('c1')], request({ memoryBytes: 256 * MIB }), `race-${round}-${index}`);
          return { placed, ms: performance.now() - started };
        }),
      );
      figures[kinds.length]?.samples.push(...contended.map((entry) => entry.ms));
      for (const { placed } of contended) if (placed.claim) await releaseClaim(store, placed.host, placed.claim);
    }
  } finally {
    await store.deleteAll().catch(() => undefined);
    store.close();
  }
  return figures;
}
