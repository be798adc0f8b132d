import { describe, expect, it } from 'vitest';
import { toContainerStats } from './container-stats';

describe('toContainerStats', () => {
  it('computes CPU percent as docker stats does, per core too, and memory without the page cache', () => {
    const stats = toContainerStats({
      read: '2024-01-01T00:00:01Z',
      cpu_stats: { cpu_usage: { total_usage: 3_000, percpu_usage: [2_000, 1_000] }, system_cpu_usage: 20_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_000, percpu_usage: [1_000, 0] }, system_cpu_usage: 10_000 },
      memory_stats: { usage: 5_000, limit: 10_000, stats: { inactive_file: 1_000 } },
      networks: { eth0: { rx_bytes: 10, tx_bytes: 20 }, eth1: { rx_bytes: 1, tx_bytes: 2 } },
      blkio_stats: { io_service_bytes_recursive: [{ op: 'read', value: 7 }, { op: 'Write', value: 9 }, { op: 'Read', value: 1 }] },
    });
    expect(stats).toEqual({
      read: '2024-01-01T00:00:01Z',
      cpuPercent: 40,
      perCorePercent: [20, 20],
      onlineCpus: 2,
      memoryBytes: 4_000,
      memoryLimitBytes: 10_000,
      networkRxBytes: 11,
      networkTxBytes: 22,
      blockReadBytes: 8,
      blockWriteBytes: 9,
    });
  });

  it('reports zero, not NaN, for the first reading and no per-core data on cgroup v2', () => {
    const stats = toContainerStats({ cpu_stats: { cpu_usage: { total_usage: 5 }, online_cpus: 2 }, precpu_stats: {} });
    expect(stats.cpuPercent).toBe(0);
    expect(stats.perCorePercent).toBeNull();
  });
});
