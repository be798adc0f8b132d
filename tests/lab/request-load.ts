// Requests kept running against the console while something happens to it (a replica killed, a
// rolling update): how many failed and how long the others took.

export interface LoadFigures {
  requests: number;
  failed: number;
  /** The first few failures' reasons (status or error), to tell a refusal from a timeout. */
  failures: string[];
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  seconds: number;
}

export interface RunningLoad {
  stop(): Promise<LoadFigures>;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}

/**
 * `workers` loops, each sending GET `urls[i % urls.length]` with `headers` one after another
 * (a new connection each time: Connection: close), a 5 s timeout; 2xx counts as served.
 */
export function startLoad(urls: readonly string[], headers: Record<string, string>, workers = 4): RunningLoad {
  let stopping = false;
  const latencies: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  const started = Date.now();
  const loop = async (worker: number) => {
    for (let i = worker; !stopping; i += workers) {
      const url = urls[i % urls.length] ?? '';
      const begin = performance.now();
      try {
        const response = await fetch(url, { headers: { ...headers, connection: 'close' }, signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        if (response.ok) latencies.push(performance.now() - begin);
        else {
          failed++;
          if (failures.length < 10) failures.push(`${url}: ${response.status}`);
        }
      } catch (error) {
        failed++;
        if (failures.length < 10) failures.push(`${url}: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const loops = Array.from({ length: workers }, (_unused, worker) => loop(worker));
  return {
    async stop() {
      stopping = true;
      await Promise.all(loops);
      const sorted = [...latencies].sort((a, b) => a - b);
      const round = (value: number) => Math.round(value * 10) / 10;
      return {
        requests: latencies.length + failed,
        failed,
        failures,
        p50Ms: round(percentile(sorted, 0.5)),
        p99Ms: round(percentile(sorted, 0.99)),
        maxMs: round(sorted.at(-1) ?? 0),
        seconds: Math.round((Date.now() - started) / 100) / 10,
      };
    },
  };
}
