// Group commit: the address claims of one instance that arrive while an etcd round trip is under
// way go together in the next one, as independent sub-transactions of one etcd transaction
// (Store.txnEach), each still create-if-absent. Under concurrency this turns N round trips (and N
// gRPC calls' CPU in this process and in etcd) into about one; a lone claim goes out at once.
import type { Store, TxnResult, TxnSpec } from './store';

/** Sub-transactions per etcd transaction (etcd allows 128 operations per transaction by default). */
export const MAX_CLAIMS_PER_BATCH = 48;
/**
 * Round trips in flight at once. One: every claim that arrives while a round trip is under way
 * waits for it and goes in the next, so batches grow with the load (measured with bench:ipam:
 * two in flight sent batches half the size, for more etcd and plugin CPU per address).
 */
const MAX_IN_FLIGHT = 1;

interface Waiter {
  readonly txn: TxnSpec;
  readonly resolve: (result: TxnResult) => void;
  readonly reject: (error: unknown) => void;
}

const writtenKeys = (txn: TxnSpec) => txn.writes.map((write) => ('put' in write ? write.put : write.delete));

export class ClaimBatcher {
  private readonly waiting: Waiter[] = [];
  private inFlight = 0;
  /** Transactions sent and claims they carried, for the benchmark and the tests. */
  readonly stats = { transactions: 0, claims: 0, largestBatch: 0 };

  constructor(private readonly store: Pick<Store, 'txn' | 'txnEach'>) {}

  /** Runs one transaction, possibly sharing its etcd round trip with other waiting ones. */
  run(txn: TxnSpec): Promise<TxnResult> {
    return new Promise<TxnResult>((resolve, reject) => {
      this.waiting.push({ txn, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const batch = this.nextBatch();
      this.inFlight++;
      void this.commit(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /**
   * The oldest waiters whose written keys are all distinct (etcd refuses a transaction that writes
   * a key twice: two requests with one MAC, e.g. Docker's retry of a slow call, go one after the other).
   */
  private nextBatch(): Waiter[] {
    const batch: Waiter[] = [];
    const keys = new Set<string>();
    for (let index = 0; index < this.waiting.length && batch.length < MAX_CLAIMS_PER_BATCH; ) {
      const waiter = this.waiting[index];
      if (!waiter) break;
      const written = writtenKeys(waiter.txn);
      if (written.some((key) => keys.has(key))) {
        index++;
        continue;
      }
      for (const key of written) keys.add(key);
      batch.push(waiter);
      this.waiting.splice(index, 1);
    }
    return batch;
  }

  private async commit(batch: readonly Waiter[]): Promise<void> {
    this.stats.transactions++;
    this.stats.claims += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    try {
      const [only] = batch;
      // A lone claim is a plain transaction: the nesting costs etcd a little more work.
      const results =
        batch.length === 1 && only
          ? [await this.store.txn(only.txn.guards, only.txn.writes, only.txn.readOnFailure)]
          : await this.store.txnEach(batch.map((waiter) => waiter.txn));
      batch.forEach((waiter, index) => {
        const result = results[index];
        if (result) waiter.resolve(result);
        else waiter.reject(new Error('a batched transaction returned no result'));
      });
    } catch (error) {
      // etcd down or slow: every waiter of the batch hears the same clear error.
      for (const waiter of batch) waiter.reject(error);
    }
  }
}
