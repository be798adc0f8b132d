// One raw etcd client in a process of its own, as one host's would be: the baseline for cells of
// several instances, whose plugins are processes of their own too (raw-processes.ts starts these).
// Reads its share from BENCH_RAW_WORKER (JSON), warms up, says "ready", runs on "go", and prints
// its latencies and CPU time as one JSON line.
import { createInterface } from 'node:readline';
import { formatIpv4 } from '../../lib/ipam/ipv4';
import { runLoad } from './load';
import { rawAllocate, rawClients } from './raw-etcd';

export interface RawWorkerTask {
  readonly endpoints: string[];
  readonly prefix: string;
  readonly host: string;
  /** The addresses and MACs of this worker: index = first + k * step, k < count. */
  readonly firstIndex: number;
  readonly step: number;
  readonly count: number;
  readonly concurrency: number;
  readonly warmup: number;
  readonly firstAddress: number;
  readonly macs: string[];
}

export interface RawWorkerResult {
  readonly latencies: number[];
  readonly failures: number;
  readonly cpuMs: number;
}

async function main(): Promise<void> {
  const task = JSON.parse(process.env.BENCH_RAW_WORKER ?? '') as RawWorkerTask;
  const raw = rawClients(task.endpoints, 1);
  const [client] = raw.clients;
  if (!client) throw new Error('no etcd client');
  const allocate = (prefix: string, k: number) => {
    const index = task.firstIndex + k * task.step;
    return rawAllocate(client, prefix, formatIpv4(task.firstAddress + index), task.macs[k] ?? '', task.host);
  };
  if (task.warmup > 0) await runLoad(task.warmup, task.concurrency, (k) => allocate(`${task.prefix}warmup/${task.host}/`, k));
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
  const before = process.cpuUsage();
  const result = await runLoad(task.count, task.concurrency, (k) => allocate(task.prefix, k));
  const used = process.cpuUsage(before);
  const answer: RawWorkerResult = { latencies: [...result.latencies], failures: result.failures, cpuMs: (used.user + used.system) / 1000 };
  process.stdout.write(`${JSON.stringify(answer)}\n`);
  raw.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`raw worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
