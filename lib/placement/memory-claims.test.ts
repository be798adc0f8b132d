import { describe, expect, it } from 'vitest';
import { bindClaim, claimExclusiveCores, listCoreClaims, reconcileHost, releaseClaim, releaseContainer } from './core-claims';
import { MemoryClaimStore } from './memory-claim-store';
import { claimOnHost, ledgerBytes, listMemoryLedgers } from './memory-claims';
import { NoHostFitsError } from './no-host-fits';
import { placeAndClaim } from './place-and-claim';
import { withClaims, type EngineReading } from './read-inventory';
import { request } from './testing-inventory';

const MIB = 1024 * 1024;
const holder = (claim: string, at = new Date().toISOString()) => ({ claim, container: null, name: claim, at });

function engine(host: string, memoryMib: number, containers: Extract<EngineReading, { state: 'up' }>['containers'] = []): EngineReading {
  return { state: 'up', host, cpus: 4, memoryBytes: memoryMib * MIB, labels: {}, images: new Set(['busybox:latest']), networks: new Set(['br0']), containers };
}

async function ledgerOf(store: MemoryClaimStore, host: string) {
  return (await listMemoryLedgers(store)).find((ledger) => ledger.host === host);
}

describe('memory claims', () => {
  it('two consoles placing at once never fit two containers into the same free memory', async () => {
    const consoleA = new MemoryClaimStore();
    // Two consoles share one etcd: the same store, requests interleaved at every await.
    const readings = [engine('m1', 1024), engine('m2', 1024)];
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, (_, index) => placeAndClaim(consoleA, readings, request({ memoryBytes: 300 * MIB }), `mem-${index}`)),
    );
    const placed = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value.host] : []));
    // 1024 MiB holds three of 300 MiB per host: six in all, the other six refused.
    expect(placed.filter((host) => host === 'm1')).toHaveLength(3);
    expect(placed.filter((host) => host === 'm2')).toHaveLength(3);
    const refused = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [attempt.reason] : []));
    expect(refused).toHaveLength(6);
    for (const reason of refused) {
      if (!(reason instanceof NoHostFitsError)) throw reason;
      expect(reason.reasons).toEqual(['m1: memory: 300 MiB asked, 124 MiB free', 'm2: memory: 300 MiB asked, 124 MiB free']);
    }
    expect(ledgerBytes(await ledgerOf(consoleA, 'm1'))).toBe(900 * MIB);
    expect(ledgerBytes(await ledgerOf(consoleA, 'm2'))).toBe(900 * MIB);
  });

  it('refuses a claim whose ledger changed since it was read, and writes cores and memory together or not at all', async () => {
    const store = new MemoryClaimStore();
    expect(await claimOnHost(store, 'h1', [0], { bytes: 100, ledger: undefined }, holder('a'))).toEqual({ kind: 'claimed' });
    const read = await ledgerOf(store, 'h1');
    expect(await claimOnHost(store, 'h1', [1], { bytes: 100, ledger: read }, holder('b'))).toEqual({ kind: 'claimed' });
    // c read the ledger before b wrote: refused, and its core 2 not taken either.
    expect(await claimOnHost(store, 'h1', [2], { bytes: 100, ledger: read }, holder('c'))).toEqual({ kind: 'taken' });
    expect((await listCoreClaims(store, 'h1')).map((claim) => claim.core)).toEqual([0, 1]);
    // A core held refuses the memory too.
    expect(await claimOnHost(store, 'h1', [0], { bytes: 100, ledger: await ledgerOf(store, 'h1') }, holder('d'))).toEqual({ kind: 'taken' });
    expect((await ledgerOf(store, 'h1'))?.holders.map((entry) => entry.claim)).toEqual(['a', 'b']);
  });

  it('is bound to the container, freed by its removal, by a failed create and by the reconcile', async () => {
    const store = new MemoryClaimStore();
    await claimOnHost(store, 'h1', [], { bytes: 100, ledger: undefined }, holder('a'));
    await claimOnHost(store, 'h1', [], { bytes: 200, ledger: await ledgerOf(store, 'h1') }, holder('b'));
    await claimOnHost(store, 'h1', [], { bytes: 400, ledger: await ledgerOf(store, 'h1') }, holder('old', '2026-01-01T00:00:00Z'));
    await bindClaim(store, 'h1', 'a', 'container-a');
    expect((await ledgerOf(store, 'h1'))?.holders.find((entry) => entry.claim === 'a')).toMatchObject({ container: 'container-a', bytes: 100 });
    await releaseClaim(store, 'h1', 'b');
    expect(ledgerBytes(await ledgerOf(store, 'h1'))).toBe(500);
    // Its create never finished and it is older than the grace period.
    await reconcileHost(store, 'h1', new Set(['container-a']), 60_000);
    expect(ledgerBytes(await ledgerOf(store, 'h1'))).toBe(100);
    await releaseContainer(store, 'h1', 'container-a');
    expect(await ledgerOf(store, 'h1')).toBeUndefined();
  });

  it('cores-only claims leave the ledger alone', async () => {
    const store = new MemoryClaimStore();
    await claimExclusiveCores(store, 'h1', [0], holder('a'));
    await releaseClaim(store, 'h1', 'a');
    expect(await listMemoryLedgers(store)).toEqual([]);
  });

  it('counts a placed container once: in the ledger, not again from the engine', async () => {
    const store = new MemoryClaimStore();
    await claimOnHost(store, 'h1', [], { bytes: 300, ledger: undefined }, holder('a'));
    await bindClaim(store, 'h1', 'a', 'id-placed');
    await claimOnHost(store, 'h1', [], { bytes: 50, ledger: await ledgerOf(store, 'h1') }, holder('pending'));
    const containers = [
      { id: 'id-placed', name: 'placed', image: 'busybox', running: true, reservesMemory: true, cpuset: [], memoryBytes: 300 },
      { id: 'id-other', name: 'other', image: 'busybox', running: true, reservesMemory: true, cpuset: [], memoryBytes: 200 },
    ];
    const [host] = withClaims([engine('h1', 1024, containers)], [], await listMemoryLedgers(store));
    if (host?.state !== 'up') throw new Error('h1 should be up');
    expect(host.reservedMemoryBytes).toBe(550);
    // The pending create's container exists already, not yet bound: counted once, by its name.
    const creating = { id: 'id-creating', name: 'pending', image: 'busybox', running: false, reservesMemory: true, cpuset: [], memoryBytes: 50 };
    const [later] = withClaims([engine('h1', 1024, [...containers, creating])], [], await listMemoryLedgers(store));
    expect(later?.state === 'up' ? later.reservedMemoryBytes : -1).toBe(550);
  });
});
