// The raw baseline of a cell of several instances as several hosts would run it: one raw etcd
// client per process (raw-worker.ts), the cell's concurrency split between them, all started
// together once every one has warmed up. Rate over the wall time until the last one ends;
// latencies merged.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type LoadResult, summarize } from './load';
import type { RawWorkerResult, RawWorkerTask } from './raw-worker';

export interface RawProcessesResult extends LoadResult {
  /** The workers' CPU during the timed part, per allocation. */
  readonly clientCpuMsPerOp: number;
}

interface Worker {
  readonly ready: Promise<void>;
  readonly result: Promise<RawWorkerResult>;
  go(): void;
}

function startWorker(task: RawWorkerTask): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'bench', 'ipam', 'raw-worker.ts')], {
    env: { ...process.env, BENCH_RAW_WORKER: JSON.stringify(task) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const result = new Promise<RawWorkerResult>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line === 'ready') markReady();
      else resolve(JSON.parse(line) as RawWorkerResult);
    });
    child.once('exit', (code) => reject(new Error(`a raw worker exited with ${code}`)));
  });
  return { ready, result, go: () => child.stdin.end('go\n') };
}

export async function rawProcessesCell(args: {
  readonly endpoints: string[];
  readonly prefix: string;
  readonly instances: number;
  readonly concurrency: number;
  readonly total: number;
  readonly warmup: number;
  readonly firstAddress: number;
  readonly macOf: (index: number) => string;
}): Promise<RawProcessesResult> {
  const workers = Array.from({ length: args.instances }, (_, worker) => {
    const count = Math.ceil((args.total - worker) / args.instances);
    const concurrency = Math.floor(args.concurrency / args.instances) + (worker < args.concurrency % args.instances ? 1 : 0);
    return startWorker({
      endpoints: args.endpoints,
      prefix: args.prefix,
      host: `bench-h${worker}`,
      firstIndex: worker,
      step: args.instances,
      count,
      concurrency: Math.max(1, concurrency),
      warmup: Math.ceil(args.warmup / args.instances),
      firstAddress: args.firstAddress,
      macs: Array.from({ length: count }, (_, k) => args.macOf(worker + k * args.instances)),
    });
  });
  await Promise.all(workers.map((worker) => worker.ready));
  const started = process.hrtime.bigint();
  for (const worker of workers) worker.go();
  const results = await Promise.all(workers.map((worker) => worker.result));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = summarize(
    results.flatMap((result) => result.latencies),
    results.reduce((sum, result) => sum + result.failures, 0),
    seconds,
  );
  return { ...summary, clientCpuMsPerOp: results.reduce((sum, result) => sum + result.cpuMs, 0) / args.total };
}
