import { describe, expect, it } from 'vitest';
import { ClaimBatcher, MAX_CLAIMS_PER_BATCH } from './claim-batcher';
import type { Guard, TxnResult, TxnSpec, Write } from './store';

/** A store that records what it was sent and answers each transaction by `decide`. */
function fakeStore(decide: (txn: TxnSpec) => boolean | Error = () => true) {
  const sent: { kind: 'txn' | 'txnEach'; size: number }[] = [];
  const answer = (txn: TxnSpec): TxnResult => {
    const verdict = decide(txn);
    if (verdict instanceof Error) throw verdict;
    return { succeeded: verdict, reads: [] };
  };
  const later = () => new Promise((resolve) => setTimeout(resolve, 1));
  return {
    sent,
    async txn(guards: readonly Guard[], writes: readonly Write[], readOnFailure: readonly string[] = []) {
      sent.push({ kind: 'txn', size: 1 });
      await later();
      return answer({ guards, writes, readOnFailure });
    },
    async txnEach(txns: readonly TxnSpec[]) {
      sent.push({ kind: 'txnEach', size: txns.length });
      await later();
      return txns.map(answer);
    },
  };
}

const claim = (key: string, mac = `mac-of-${key}`): TxnSpec => ({
  guards: [{ key, absent: true }],
  writes: [{ put: key, value: 'x' }, { put: mac, value: key }],
  readOnFailure: [key, mac],
});

describe('ClaimBatcher', () => {
  it('sends a lone claim at once as a plain transaction', async () => {
    const store = fakeStore();
    const result = await new ClaimBatcher(store).run(claim('a'));
    expect(result.succeeded).toBe(true);
    expect(store.sent).toEqual([{ kind: 'txn', size: 1 }]);
  });

  it('combines claims that wait for a round trip, each with its own outcome', async () => {
    const store = fakeStore((txn) => txn.guards[0]?.key !== 'k5');
    const batcher = new ClaimBatcher(store);
    const results = await Promise.all(Array.from({ length: 12 }, (_, index) => batcher.run(claim(`k${index}`))));
    expect(results.map((result) => result.succeeded)).toEqual(Array.from({ length: 12 }, (_, index) => index !== 5));
    expect(store.sent.length).toBeLessThan(12);
    expect(store.sent.some((call) => call.kind === 'txnEach' && call.size > 1)).toBe(true);
    expect(batcher.stats.claims).toBe(12);
  });

  it('never puts two claims that write the same key into one transaction', async () => {
    const store = fakeStore();
    const batcher = new ClaimBatcher(store);
    await Promise.all([batcher.run(claim('a')), batcher.run(claim('b')), batcher.run(claim('c', 'same-mac')), batcher.run(claim('d', 'same-mac')), batcher.run(claim('e', 'same-mac'))]);
    // a and b go alone (nothing in flight yet); then c, and d and e each in a later batch.
    expect(store.sent.map((call) => call.size).reduce((sum, size) => sum + size, 0)).toBe(5);
    expect(store.sent.length).toBeGreaterThanOrEqual(4);
  });

  it('caps a batch at MAX_CLAIMS_PER_BATCH', async () => {
    const store = fakeStore();
    const batcher = new ClaimBatcher(store);
    await Promise.all(Array.from({ length: MAX_CLAIMS_PER_BATCH * 3 }, (_, index) => batcher.run(claim(`k${index}`))));
    expect(Math.max(...store.sent.map((call) => call.size))).toBe(MAX_CLAIMS_PER_BATCH);
  });

  it('gives every waiter of a failed round trip the same error', async () => {
    const down = new Error('etcd did not complete');
    const store = fakeStore(() => down);
    const batcher = new ClaimBatcher(store);
    const outcomes = await Promise.all(Array.from({ length: 6 }, (_, index) => batcher.run(claim(`k${index}`)).catch((error: unknown) => error)));
    expect(outcomes).toEqual(Array.from({ length: 6 }, () => down));
    expect(batcher.stats.largestBatch).toBeGreaterThan(1);
  });
});
