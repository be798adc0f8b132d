import type { EngineEvents } from './engine-events';

/** What Docker's container list lacks and the console shows: the limits, from inspect. */
export interface Limits {
  cpus: number | null;
  cpuset: string | null;
  memoryBytes: number | null;
}

export function limitsOf(hostConfig: { NanoCpus?: number; CpusetCpus?: string; Memory?: number } | undefined): Limits {
  return {
    cpus: hostConfig?.NanoCpus ? hostConfig.NanoCpus / 1e9 : null,
    cpuset: hostConfig?.CpusetCpus || null,
    memoryBytes: hostConfig?.Memory || null,
  };
}

/**
 * Limits per container, so a list of 200 containers is one Docker call, not 201. Limits change
 * only through `update` (and go with `destroy`), so the cache follows the engine's shared event
 * stream and is trusted only while that stream is open: when it drops, the cache is emptied and
 * every container is inspected again until the stream is back.
 */
/** The part of an engine's event stream the cache needs (a unit test passes a small stand-in). */
export type LimitsEventSource = Pick<EngineEvents, 'subscribe' | 'watch' | 'isConnected' | 'stop'>;

export class LimitsCache {
  private entries = new Map<string, Limits>();
  private generation = 0;

  constructor(private readonly events: LimitsEventSource) {
    events.subscribe({
      onEvent: (event) => {
        if (event.action === 'update' || event.action === 'destroy') this.forget(event.id);
      },
      onConnected: () => this.reset(),
      onDisconnected: () => this.reset(),
    });
  }

  private reset(): void {
    this.entries.clear();
    this.generation += 1;
  }

  /** Opens the event stream if it is not open; never throws (without it, the cache is just empty). */
  watch(): Promise<void> {
    return this.events.watch();
  }

  /**
   * A marker to pass to set(): an inspect started before a reconnect, or before an update or
   * destroy event of any container, must not fill the cache with what may be the old limits.
   */
  get currentGeneration(): number {
    return this.generation;
  }

  get(id: string): Limits | undefined {
    return this.events.isConnected ? this.entries.get(id) : undefined;
  }

  set(id: string, limits: Limits, generation: number): void {
    if (this.events.isConnected && generation === this.generation) this.entries.set(id, limits);
  }

  forget(id: string): void {
    this.entries.delete(id);
    // An inspect of this container may be in flight and may have read the limits before the
    // update: its answer must not be cached. (Cheaper than per-container markers, and updates are rare.)
    this.generation += 1;
  }

  stop(): void {
    this.events.stop();
    this.entries.clear();
  }
}
