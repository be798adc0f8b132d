import { toContainerStats, type ContainerStats, type StatsShape } from './container-stats';

/** The counters a reading carries since the container started; a sample turns them into rates. */
type Counters = Pick<ContainerStats, 'networkRxBytes' | 'networkTxBytes' | 'blockReadBytes' | 'blockWriteBytes'>;

/** One point of the live charts: CPU and memory as read, counters turned into rates per second. */
export interface StatsSample extends Omit<ContainerStats, keyof Counters> {
  networkRxPerSecond: number;
  networkTxPerSecond: number;
  blockReadPerSecond: number;
  blockWritePerSecond: number;
  /** The counters the rates come from. */
  totals: Counters;
}

/**
 * The rates between two consecutive readings. A counter that went down (the container restarted,
 * an interface went away) or readings without time between them give 0, never a negative rate.
 */
export function toStatsSample(previous: ContainerStats, current: ContainerStats): StatsSample {
  const seconds = (Date.parse(current.read) - Date.parse(previous.read)) / 1000;
  const rate = (now: number, before: number) => (Number.isFinite(seconds) && seconds > 0 && now >= before ? (now - before) / seconds : 0);
  return {
    read: current.read,
    cpuPercent: current.cpuPercent,
    perCorePercent: current.perCorePercent,
    onlineCpus: current.onlineCpus,
    memoryBytes: current.memoryBytes,
    memoryLimitBytes: current.memoryLimitBytes,
    networkRxPerSecond: rate(current.networkRxBytes, previous.networkRxBytes),
    networkTxPerSecond: rate(current.networkTxBytes, previous.networkTxBytes),
    blockReadPerSecond: rate(current.blockReadBytes, previous.blockReadBytes),
    blockWritePerSecond: rate(current.blockWriteBytes, previous.blockWriteBytes),
    totals: {
      networkRxBytes: current.networkRxBytes,
      networkTxBytes: current.networkTxBytes,
      blockReadBytes: current.blockReadBytes,
      blockWriteBytes: current.blockWriteBytes,
    },
  };
}

/**
 * Follows Docker's stats stream reading by reading: the first one only primes the counters (and
 * its CPU has no previous reading to compare with), each next one gives a sample.
 */
export class StatsRates {
  private previous: ContainerStats | null = null;

  push(raw: StatsShape): StatsSample | null {
    const current = toContainerStats(raw);
    const previous = this.previous;
    this.previous = current;
    return previous ? toStatsSample(previous, current) : null;
  }
}

/** Docker sends empty readings (no read time) for a container that stopped or was removed. */
export function isEmptyReading(raw: StatsShape): boolean {
  return raw.read === undefined || raw.read.startsWith('0001-01-01') || raw.cpu_stats === undefined;
}
