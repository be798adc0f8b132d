import type { ContainerStatsJson } from '@/lib/docker/engine-shapes';
import type { ContainerContext } from '@/lib/engines/context';
import { clientOf } from '@/lib/engines/context-engines';
import { locateContainer } from '@/lib/engines/locate';

/** One sample of a container's resource use, reshaped from Docker's stats. */
export interface ContainerStats {
  read: string;
  /** Percent of one core (200 = two cores busy), as `docker stats` shows it. */
  cpuPercent: number;
  /** Per core, one entry per online CPU, when the cgroup reports it (cgroup v1); null otherwise. */
  perCorePercent: number[] | null;
  onlineCpus: number;
  /** In use, without the page cache Docker reports (what `docker stats` shows). */
  memoryBytes: number;
  memoryLimitBytes: number;
  /** Counters since the container started: summed over interfaces, and over devices. */
  networkRxBytes: number;
  networkTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
}

/** The part of Docker's stats answer read here, typed at the Docker boundary. */
export type StatsShape = ContainerStatsJson;

export function toContainerStats(raw: StatsShape): ContainerStats {
  const cpu = raw.cpu_stats ?? {};
  const previous = raw.precpu_stats ?? {};
  const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (previous.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (previous.system_cpu_usage ?? 0);
  const onlineCpus = cpu.online_cpus || cpu.cpu_usage?.percpu_usage?.length || 1;
  // Some kernels list every possible CPU, the offline ones as trailing zeros.
  const perCore = cpu.cpu_usage?.percpu_usage?.slice(0, onlineCpus) ?? null;
  const share = (delta: number) => (systemDelta > 0 && delta > 0 ? (delta / systemDelta) * onlineCpus * 100 : 0);
  const previousPerCore = previous.cpu_usage?.percpu_usage ?? [];
  const memory = raw.memory_stats ?? {};
  const usage = memory.usage ?? 0;
  // As the docker CLI: cgroup v1's hierarchical total_inactive_file, v2's inactive_file, older engines' cache.
  const cache = memory.stats?.total_inactive_file ?? memory.stats?.inactive_file ?? memory.stats?.cache ?? 0;
  const networks = Object.values(raw.networks ?? {});
  const io = raw.blkio_stats?.io_service_bytes_recursive ?? [];
  // cgroup v1 lists Read, Write, Sync, Async, Total per device; v2 read and write: sum the devices.
  const ioSum = (op: string) => io.filter((entry) => entry.op?.toLowerCase() === op).reduce((sum, entry) => sum + (entry.value ?? 0), 0);
  return {
    read: raw.read ?? new Date().toISOString(),
    cpuPercent: share(cpuDelta),
    perCorePercent: perCore ? perCore.map((usage, index) => share(usage - (previousPerCore[index] ?? 0))) : null,
    onlineCpus,
    memoryBytes: cache < usage ? usage - cache : usage,
    memoryLimitBytes: memory.limit ?? 0,
    networkRxBytes: networks.reduce((sum, network) => sum + (network.rx_bytes ?? 0), 0),
    networkTxBytes: networks.reduce((sum, network) => sum + (network.tx_bytes ?? 0), 0),
    blockReadBytes: ioSum('read'),
    blockWriteBytes: ioSum('write'),
  };
}

/** One sample from the stats stream (Docker waits for two readings, so CPU has a delta). */
export async function containerStats(context: ContainerContext, reference: string, host?: string): Promise<ContainerStats> {
  const located = await locateContainer(context, reference, host);
  return toContainerStats(await clientOf(context, located.engine).containerStats(located.inspect.Id));
}
