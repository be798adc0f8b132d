// An in-memory stand-in for the etcd boundary's get/list/txn, with etcd's revision rules, for the
// claims' unit tests and the benchmark. The integration test runs the same logic on real etcd.
import type { Entry, Guard, TxnResult, Write } from '@/lib/etcd/store';
import type { ClaimStore } from './core-claims';

export class MemoryClaimStore implements ClaimStore {
  private readonly entries = new Map<string, { value: string; modRevision: number }>();
  private revision = 0;

  async get(key: string): Promise<Entry | undefined> {
    const found = this.entries.get(key);
    return found ? { key, value: found.value, modRevision: String(found.modRevision) } : undefined;
  }

  async list(prefix: string): Promise<Entry[]> {
    return [...this.entries.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, found]) => ({ key, value: found.value, modRevision: String(found.modRevision) }));
  }

  async txn(guards: readonly Guard[], writes: readonly Write[], readOnFailure: readonly string[] = []): Promise<TxnResult> {
    // An await first, as a real round trip: concurrent callers interleave here.
    await Promise.resolve();
    const holds = guards.every((guard) => {
      const found = this.entries.get(guard.key);
      return 'absent' in guard ? found === undefined : found !== undefined && String(found.modRevision) === guard.modRevision;
    });
    if (!holds) return { succeeded: false, reads: await Promise.all(readOnFailure.map((key) => this.get(key))) };
    this.revision += 1;
    for (const write of writes) {
      if ('delete' in write) this.entries.delete(write.delete);
      else this.entries.set(write.put, { value: write.value, modRevision: this.revision });
    }
    return { succeeded: true, reads: [] };
  }
}
