import { describe, expect, it } from 'vitest';
import type { StatsShape } from './container-stats';
import { StatsRates, isEmptyReading, toStatsSample } from './stats-rates';
import { toContainerStats } from './container-stats';

/** A cgroup v1 reading as Docker streams it, `second` seconds in, with growing counters. */
function v1Reading(second: number, overrides: Partial<StatsShape> = {}): StatsShape {
  const ns = second * 1e9;
  return {
    read: new Date(Date.UTC(2024, 0, 1, 0, 0, second)).toISOString(),
    // core 0 fully busy, core 1 a quarter busy; the host has 2 online CPUs.
    cpu_stats: { cpu_usage: { total_usage: 1.25 * ns, percpu_usage: [ns, 0.25 * ns] }, system_cpu_usage: 2 * ns, online_cpus: 2 },
    precpu_stats: { cpu_usage: { total_usage: 1.25 * (ns - 1e9), percpu_usage: [ns - 1e9, 0.25 * (ns - 1e9)] }, system_cpu_usage: 2 * (ns - 1e9), online_cpus: 2 },
    memory_stats: { usage: 10_000_000, limit: 64 * 1024 * 1024, stats: { cache: 3_000_000, total_inactive_file: 2_000_000 } },
    networks: { eth0: { rx_bytes: 1000 * second, tx_bytes: 100 * second }, eth1: { rx_bytes: 500 * second, tx_bytes: 0 } },
    blkio_stats: {
      io_service_bytes_recursive: [
        { op: 'Read', value: 4096 * second },
        { op: 'Write', value: 8192 * second },
        { op: 'Sync', value: 1 },
        { op: 'Total', value: 12288 * second },
      ],
    },
    ...overrides,
  };
}

describe('toStatsSample', () => {
  it('gives CPU total and per core, memory without cache, and per-second network and block rates', () => {
    const sample = toStatsSample(toContainerStats(v1Reading(10)), toContainerStats(v1Reading(12)));
    expect(sample).toEqual({
      read: '2024-01-01T00:00:12.000Z',
      cpuPercent: 125,
      perCorePercent: [100, 25],
      onlineCpus: 2,
      memoryBytes: 8_000_000,
      memoryLimitBytes: 64 * 1024 * 1024,
      networkRxPerSecond: 1500,
      networkTxPerSecond: 100,
      blockReadPerSecond: 4096,
      blockWritePerSecond: 8192,
      totals: { networkRxBytes: 18_000, networkTxBytes: 1200, blockReadBytes: 4096 * 12, blockWriteBytes: 8192 * 12 },
    });
  });

  it('reads cgroup v2 shapes: no per-core usage, inactive_file, lower-case blkio ops on several devices', () => {
    const v2 = (second: number): StatsShape => ({
      read: new Date(Date.UTC(2024, 0, 1, 0, 0, second)).toISOString(),
      cpu_stats: { cpu_usage: { total_usage: 0.5e9 * second }, system_cpu_usage: 4e9 * second, online_cpus: 4 },
      precpu_stats: { cpu_usage: { total_usage: 0.5e9 * (second - 1) }, system_cpu_usage: 4e9 * (second - 1), online_cpus: 4 },
      memory_stats: { usage: 5_000, limit: 10_000, stats: { inactive_file: 1_000, anon: 4_000 } },
      networks: { eth0: { rx_bytes: 10 * second, tx_bytes: 20 * second } },
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'read', value: 100 * second },
          { op: 'write', value: 10 * second },
          { op: 'read', value: 50 * second },
        ],
      },
    });
    const sample = toStatsSample(toContainerStats(v2(3)), toContainerStats(v2(4)));
    expect(sample).toMatchObject({ cpuPercent: 50, perCorePercent: null, onlineCpus: 4, memoryBytes: 4_000, blockReadPerSecond: 150, blockWritePerSecond: 10, networkRxPerSecond: 10 });
  });

  it('falls back to cache when no inactive_file is reported, and never subtracts more than the usage', () => {
    expect(toContainerStats({ memory_stats: { usage: 900, stats: { cache: 300 } } }).memoryBytes).toBe(600);
    expect(toContainerStats({ memory_stats: { usage: 900, stats: { inactive_file: 1_200 } } }).memoryBytes).toBe(900);
  });

  it('keeps one per-core value per online CPU when the kernel lists offline ones too', () => {
    const reading = v1Reading(5, {});
    reading.cpu_stats = { ...reading.cpu_stats, cpu_usage: { total_usage: 1, percpu_usage: [1, 0, 0, 0] }, online_cpus: 1 };
    expect(toContainerStats(reading).perCorePercent).toHaveLength(1);
  });

  it('gives 0, not a negative rate, when a counter went down (restart) or no time passed', () => {
    const before = toContainerStats(v1Reading(20));
    const restarted = toStatsSample(before, toContainerStats(v1Reading(21, { networks: { eth0: { rx_bytes: 5, tx_bytes: 5 } } })));
    expect(restarted.networkRxPerSecond).toBe(0);
    expect(restarted.networkTxPerSecond).toBe(0);
    expect(toStatsSample(before, before).blockReadPerSecond).toBe(0);
  });
});

describe('StatsRates', () => {
  it('primes on the first reading and gives a sample for each next one', () => {
    const rates = new StatsRates();
    expect(rates.push(v1Reading(1))).toBeNull();
    expect(rates.push(v1Reading(2))?.networkRxPerSecond).toBe(1500);
    expect(rates.push(v1Reading(4))?.blockWritePerSecond).toBe(8192);
  });
});

describe('isEmptyReading', () => {
  it('tells the empty reading Docker sends for a stopped container', () => {
    expect(isEmptyReading({ read: '0001-01-01T00:00:00Z', cpu_stats: {} })).toBe(true);
    expect(isEmptyReading({})).toBe(true);
    expect(isEmptyReading(v1Reading(1))).toBe(false);
  });
});
