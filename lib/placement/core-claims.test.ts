import { describe, expect, it } from 'vitest';
import { claimKeys, decodeCoreRecord } from './claim-keys';
import { bindClaim, claimExclusiveCores, claimSharedCores, listCoreClaims, reconcileHost, releaseClaim, releaseContainer } from './core-claims';
import { MemoryClaimStore } from './memory-claim-store';

const holder = (claim: string, container: string | null = null, at = new Date().toISOString()) => ({ claim, container, name: claim, at });

describe('core claims', () => {
  it('claims a free core set once; a second claim on any of its cores is refused', async () => {
    const store = new MemoryClaimStore();
    expect(await claimExclusiveCores(store, 'h1', [0, 1], holder('a'))).toEqual({ kind: 'claimed' });
    expect(await claimExclusiveCores(store, 'h1', [1, 2], holder('b'))).toEqual({ kind: 'taken', cores: [1] });
    // The loser took nothing: core 2 is still free.
    expect((await listCoreClaims(store, 'h1')).map((claim) => claim.core)).toEqual([0, 1]);
    expect(await claimExclusiveCores(store, 'h2', [1], holder('b'))).toEqual({ kind: 'claimed' });
  });

  it('takes a retried claim of its own as claimed', async () => {
    const store = new MemoryClaimStore();
    await claimExclusiveCores(store, 'h1', [0], holder('a'));
    expect(await claimExclusiveCores(store, 'h1', [0], holder('a'))).toEqual({ kind: 'claimed' });
  });

  it('never hands a core to two of many concurrent claims', async () => {
    const store = new MemoryClaimStore();
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, index) => claimExclusiveCores(store, 'h1', [index % 4], holder(`c${index}`))));
    expect(outcomes.filter((outcome) => outcome.kind === 'claimed')).toHaveLength(4);
  });

  it('binds the container, then frees its cores when it is removed', async () => {
    const store = new MemoryClaimStore();
    await claimExclusiveCores(store, 'h1', [0, 1], holder('a'));
    expect(await bindClaim(store, 'h1', 'a', 'container-a')).toEqual([0, 1]);
    const [first] = await listCoreClaims(store, 'h1');
    expect(first?.record).toMatchObject({ kind: 'exclusive', holder: { container: 'container-a' } });
    expect(await releaseContainer(store, 'h1', 'container-b')).toEqual([]);
    expect(await releaseContainer(store, 'h1', 'container-a')).toEqual([0, 1]);
    expect(await listCoreClaims(store)).toEqual([]);
  });

  it('frees the claim of a create that failed', async () => {
    const store = new MemoryClaimStore();
    await claimExclusiveCores(store, 'h1', [3], holder('a'));
    expect(await releaseClaim(store, 'h1', 'a')).toEqual([3]);
    expect(await claimExclusiveCores(store, 'h1', [3], holder('b'))).toEqual({ kind: 'claimed' });
  });

  it('shares cores between explicit cpusets, never with an exclusive claim', async () => {
    const store = new MemoryClaimStore();
    expect(await claimSharedCores(store, 'h1', [0, 1], holder('s1', 'x'))).toEqual({ kind: 'claimed' });
    expect(await claimSharedCores(store, 'h1', [1], holder('s2', 'y'))).toEqual({ kind: 'claimed' });
    const shared = decodeCoreRecord((await store.get(claimKeys.core('h1', 1)))?.value ?? '');
    expect(shared).toMatchObject({ kind: 'shared', holders: [{ container: 'x' }, { container: 'y' }] });
    expect(await claimExclusiveCores(store, 'h1', [1], holder('e'))).toEqual({ kind: 'taken', cores: [1] });
    await claimExclusiveCores(store, 'h1', [2], holder('e', 'z'));
    expect(await claimSharedCores(store, 'h1', [2], holder('s3'))).toMatchObject({ kind: 'exclusive', core: 2, holder: { container: 'z' } });
    // Removing one sharer keeps the core shared by the other.
    await releaseContainer(store, 'h1', 'x');
    expect((await listCoreClaims(store, 'h1')).map((claim) => [claim.core, claim.record.kind])).toEqual([
      [1, 'shared'],
      [2, 'exclusive'],
    ]);
  });

  it('reconciles: frees old holders whose container is gone, keeps young and living ones', async () => {
    const store = new MemoryClaimStore();
    const old = new Date(Date.now() - 120_000).toISOString();
    await claimExclusiveCores(store, 'h1', [0], holder('gone', 'c-gone', old));
    await claimExclusiveCores(store, 'h1', [1], holder('alive', 'c-alive', old));
    await claimExclusiveCores(store, 'h1', [2], holder('never-created', null, old));
    await claimExclusiveCores(store, 'h1', [3], holder('young', null));
    await claimExclusiveCores(store, 'h2', [0], holder('other host', 'c-other', old));
    expect(await reconcileHost(store, 'h1', new Set(['c-alive']), 60_000)).toEqual([0, 2]);
    expect((await listCoreClaims(store)).map((claim) => `${claim.host}/${claim.core}`)).toEqual(['h1/1', 'h1/3', 'h2/0']);
  });
});
