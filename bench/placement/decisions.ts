// Placement decisions per second on a simulated cluster: 20 hosts, 1,000 containers, some cores
// held exclusively or shared, engine labels, a few images. Each decision lays the claims over the
// engines (as every real placement does) and runs the scheduler.
import type { CoreClaim } from '../../lib/placement/core-claims';
import { extractPlacementRules } from '../../lib/placement/placement-rules';
import type { EngineReading } from '../../lib/placement/read-inventory';
import { withClaims } from '../../lib/placement/read-inventory';
import { placeContainer, type PlacementRequest } from '../../lib/placement/scheduler';

export interface DecisionFigures {
  readonly label: string;
  readonly decisions: number;
  readonly perSecond: number;
  readonly microsPerDecision: number;
}

export function simulatedCluster(hosts: number, containers: number): { readings: EngineReading[]; claims: CoreClaim[] } {
  const readings: EngineReading[] = [];
  const claims: CoreClaim[] = [];
  const perHost = Math.ceil(containers / hosts);
  for (let index = 0; index < hosts; index += 1) {
    const host = `node-${String(index + 1).padStart(2, '0')}`;
    const cpus = 16;
    const list = Array.from({ length: perHost }, (_, n) => ({
      id: `${host}-${n}`.padEnd(64, '0'),
      name: `app-${index}-${n}`,
      image: n % 3 === 0 ? 'nginx:1.25' : 'busybox:latest',
      running: n % 10 !== 0,
      reservesMemory: n % 10 !== 0,
      cpuset: n === 1 ? [15] : [],
      memoryBytes: 64 * 1024 * 1024,
    }));
    readings.push({
      state: 'up',
      host,
      cpus,
      memoryBytes: 64 * 1024 ** 3,
      labels: { zone: index % 2 ? 'a' : 'b', rack: `r${index % 5}` },
      images: new Set(['busybox:latest', 'nginx:1.25', 'redis:7', `sha256:${'ab'.repeat(32)}`]),
      networks: new Set(['bridge', 'br0']),
      containers: list,
    });
    // About half of each host's cores held alone by one of its containers.
    for (let core = 0; core < (index % 2 ? 8 : 6); core += 1) {
      claims.push({
        host,
        core,
        key: `cores/${host}/${core}`,
        modRevision: '1',
        record: { kind: 'exclusive', holder: { claim: `c-${host}-${core}`, container: list[core + 2]?.id ?? null, name: `app-${index}-${core + 2}`, at: '2026-01-01T00:00:00Z' } },
      });
    }
  }
  return { readings, claims };
}

function measure(label: string, run: () => void, seconds: number): DecisionFigures {
  for (let warm = 0; warm < 200; warm += 1) run();
  let decisions = 0;
  const started = process.hrtime.bigint();
  const until = started + BigInt(Math.round(seconds * 1e9));
  let now = started;
  while (now < until) {
    for (let batch = 0; batch < 50; batch += 1) run();
    decisions += 50;
    now = process.hrtime.bigint();
  }
  const elapsedSeconds = Number(now - started) / 1e9;
  return { label, decisions, perSecond: decisions / elapsedSeconds, microsPerDecision: (elapsedSeconds * 1e6) / decisions };
}

export function benchDecisions(seconds = 2): DecisionFigures[] {
  const { readings, claims } = simulatedCluster(20, 1_000);
  const base: PlacementRequest = {
    image: 'busybox',
    cores: 2,
    memoryBytes: 256 * 1024 * 1024,
    network: 'br0',
    rules: { constraints: [], affinities: [] },
    strategy: 'spread',
    pullIfMissing: false,
  };
  const ruled: PlacementRequest = {
    ...base,
    strategy: 'binpack',
    rules: extractPlacementRules(['constraint:engine.labels.zone==a', 'constraint:node!=node-03', 'affinity:container!=app-5-7', 'affinity:image==nginx:1.25'], {}).rules,
  };
  const check = placeContainer(withClaims(readings, claims), base);
  if (check.kind !== 'placed') throw new Error(`the simulated cluster should fit: ${check.reasons.join('; ')}`);
  const inventory = withClaims(readings, claims);
  return [
    measure('scheduler only (spread, cores: 2, memory)', () => placeContainer(inventory, base), seconds),
    measure('scheduler only (binpack, 2 constraints, 2 affinities)', () => placeContainer(inventory, ruled), seconds),
    measure('claims laid over the engines + scheduler (spread, cores: 2)', () => placeContainer(withClaims(readings, claims), base), seconds),
  ];
}
