// Runs `total` operations with `concurrency` workers and measures the rate and latencies.
export interface LoadResult {
  readonly operations: number;
  readonly failures: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Every operation's latency, ms, sorted. */
  readonly latencies: readonly number[];
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

/** The figures of a run from its latencies (ms), its failures and its wall time. */
export function summarize(latencies: readonly number[], failures: number, seconds: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    operations: sorted.length,
    failures,
    seconds,
    perSecond: sorted.length / seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    latencies: sorted,
  };
}

export async function runLoad(total: number, concurrency: number, operation: (index: number, worker: number) => Promise<boolean>): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  const worker = async (id: number) => {
    while (next < total) {
      const index = next++;
      const begin = process.hrtime.bigint();
      const ok = await operation(index, id);
      latencies.push(Number(process.hrtime.bigint() - begin) / 1e6);
      if (!ok) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, id) => worker(id)));
  return summarize(latencies, failures, Number(process.hrtime.bigint() - started) / 1e9);
}
