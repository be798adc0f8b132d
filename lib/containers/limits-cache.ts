import type Docker from 'dockerode';

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
 * only through `update` (and go with `destroy`), so the cache follows the engine's event stream
 * and is trusted only while that stream is open: when it drops, the cache is emptied and every
 * container is inspected again until the stream is back.
 */
export class LimitsCache {
  private entries = new Map<string, Limits>();
  private connected = false;
  private opening: Promise<void> | null = null;
  private stream: (NodeJS.ReadableStream & { destroy(): void }) | null = null;
  private generation = 0;
  private stopped = false;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly docker: Docker) {}

  /** Opens the event stream if it is not open; never throws (without it, the cache is just empty). */
  watch(): Promise<void> {
    if (this.connected || this.stopped) return Promise.resolve();
    this.opening ??= this.open().finally(() => (this.opening = null));
    return this.opening;
  }

  private async open(): Promise<void> {
    try {
      const stream = (await this.docker.getEvents({ filters: { type: ['container'], event: ['update', 'destroy'] } })) as NodeJS.ReadableStream & { destroy(): void };
      if (this.stopped) return stream.destroy();
      this.stream = stream;
      this.entries.clear();
      this.generation += 1;
      this.connected = true;
      let pending = '';
      stream.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) this.onEvent(line);
      });
      const lost = () => this.disconnect();
      stream.on('end', lost);
      stream.on('error', lost);
    } catch {
      this.disconnect();
    }
  }

  private onEvent(line: string): void {
    if (line.trim() === '') return;
    try {
      const event = JSON.parse(line) as { id?: string; Actor?: { ID?: string } };
      const id = event.Actor?.ID ?? event.id;
      if (id) this.forget(id);
    } catch {
      this.entries.clear(); // an event we cannot read: trust nothing
    }
  }

  private disconnect(): void {
    this.connected = false;
    this.entries.clear();
    this.generation += 1;
    this.stream = null;
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.watch();
    }, 1000);
    this.retry.unref?.();
  }

  /** A marker to pass to set(): an inspect started before a reconnect must not fill the new cache. */
  get currentGeneration(): number {
    return this.generation;
  }

  get(id: string): Limits | undefined {
    return this.connected ? this.entries.get(id) : undefined;
  }

  set(id: string, limits: Limits, generation: number): void {
    if (this.connected && generation === this.generation) this.entries.set(id, limits);
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.stream?.destroy();
    this.connected = false;
    this.entries.clear();
  }
}
