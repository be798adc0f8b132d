// The core claims against the stack's etcd: many requests and two "consoles" (two connections)
// claiming at once never share a core, and the placement loop places exactly as many exclusive
// containers as there are cores.
import { afterAll, describe, expect, it } from 'vitest';
import { EtcdStore } from '@/lib/etcd/store';
import { etcdEndpoints, testPrefix } from '@/tests/ipam/support/fixtures';
import { holdersOf } from './claim-keys';
import { claimExclusiveCores, listCoreClaims } from './core-claims';
import { ledgerBytes, listMemoryLedgers } from './memory-claims';
import { NoHostFitsError } from './no-host-fits';
import { placeAndClaim } from './place-and-claim';
import type { EngineReading } from './read-inventory';
import { request } from './testing-inventory';

const prefix = testPrefix();
const consoleA = new EtcdStore({ endpoints: etcdEndpoints(), prefix });
const consoleB = new EtcdStore({ endpoints: etcdEndpoints(), prefix });

afterAll(async () => {
  await consoleA.deleteAll();
  consoleA.close();
  consoleB.close();
});

const holder = (claim: string) => ({ claim, container: null, name: claim, at: new Date().toISOString() });

function engine(host: string, cpus: number, memoryBytes = 1024 ** 3): EngineReading {
  return { state: 'up', host, cpus, memoryBytes, labels: {}, images: new Set(['busybox:latest']), networks: new Set(['br0']), containers: [] };
}

describe('core claims on etcd', () => {
  it('never hands one core to two of 60 concurrent claims from two consoles', async () => {
    const sets = Array.from({ length: 60 }, (_, index) => {
      const first = index % 8;
      return index % 3 === 0 ? [first, (first + 1) % 8] : [first];
    });
    const outcomes = await Promise.all(sets.map((cores, index) => claimExclusiveCores(index % 2 ? consoleA : consoleB, 'race', cores, holder(`c${index}`))));
    const winners = sets.filter((_, index) => outcomes[index]?.kind === 'claimed');
    const claimed = winners.flat();
    expect(new Set(claimed).size).toBe(claimed.length);
    // Every core etcd holds belongs to one winner, who holds its whole set.
    const claims = await listCoreClaims(consoleA, 'race');
    expect(claims.map((claim) => claim.core).sort()).toEqual([...claimed].sort());
    for (const claim of claims) expect(holdersOf(claim.record)).toHaveLength(1);
  });

  it('places exactly as many one-core containers as the hosts have cores, each on its own (host, core)', async () => {
    const readings = [engine('p1', 2), engine('p2', 2), engine('p3', 2)];
    const attempts = await Promise.allSettled(
      Array.from({ length: 9 }, (_, index) => placeAndClaim(index % 2 ? consoleA : consoleB, readings, request({ cores: 1 }), `web-${index}`)),
    );
    const placed = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [`${attempt.value.host}/${attempt.value.cores.join(',')}`] : []));
    const refused = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [attempt.reason] : []));
    expect(placed).toHaveLength(6);
    expect(new Set(placed).size).toBe(6);
    expect(refused).toHaveLength(3);
    for (const reason of refused) {
      if (!(reason instanceof NoHostFitsError)) throw reason;
      expect(reason.reasons).toEqual(['p1: no free core (all 2 held)', 'p2: no free core (all 2 held)', 'p3: no free core (all 2 held)']);
    }
  });

  it('two consoles placing at once never fit two containers into the same free memory', async () => {
    const mib = 1024 * 1024;
    const readings = [engine('mem1', 4, 1024 * mib), engine('mem2', 4, 1024 * mib)];
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) => placeAndClaim(index % 2 ? consoleA : consoleB, readings, request({ memoryBytes: 400 * mib }), `mem-${index}`)),
    );
    const placed = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value.host] : []));
    // 1024 MiB holds two of 400 MiB per host: four placed, six refused for memory.
    expect(placed.sort()).toEqual(['mem1', 'mem1', 'mem2', 'mem2']);
    for (const attempt of attempts) {
      if (attempt.status === 'fulfilled') continue;
      if (!(attempt.reason instanceof NoHostFitsError)) throw attempt.reason;
      expect(attempt.reason.reasons).toEqual(['mem1: memory: 400 MiB asked, 224 MiB free', 'mem2: memory: 400 MiB asked, 224 MiB free']);
    }
    const ledgers = await listMemoryLedgers(consoleB);
    expect(ledgers.map((ledger) => [ledger.host, ledgerBytes(ledger)]).sort()).toEqual([
      ['mem1', 800 * mib],
      ['mem2', 800 * mib],
    ]);
  });
});
