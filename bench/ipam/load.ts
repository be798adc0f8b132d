// Runs `total` operations with `concurrency` workers and measures the rate and latencies.
export interface LoadResult {
  readonly operations: number;
  readonly failures: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
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
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    operations: total,
    failures,
    seconds,
    perSecond: total / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}
