import type { DockerByteStream } from '@/lib/docker/engine-shapes';
import type { EngineClient } from '@/lib/docker/engine-client';
import { LineSplitter } from '@/lib/docker/line-splitter';

/** The part of one Docker container event this module reads. */
export interface EngineContainerEvent {
  action: string;
  id: string;
}

export interface EngineEventListener {
  onEvent(event: EngineContainerEvent): void;
  /** The stream (re)opened: events may have been missed while it was down. */
  onConnected?(): void;
  /** The stream dropped: what listeners know from it is no longer trustworthy. */
  onDisconnected?(): void;
}

/**
 * One engine's container event stream, opened once per process and shared by everything that
 * follows it (the limits cache, the live containers list of every browser). It reconnects a
 * second after it drops and tells its listeners so.
 */
export class EngineEvents {
  private listeners = new Set<EngineEventListener>();
  private connected = false;
  private opening: Promise<void> | null = null;
  private stream: DockerByteStream | null = null;
  private stopped = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  /** When the stream last opened, and when it last carried anything (Date.now() of this process). */
  private connectedAt = 0;
  private lastEventAt = 0;

  constructor(private readonly client: EngineClient) {}

  get isConnected(): boolean {
    return this.connected;
  }

  /**
   * Whether the stream has been open since before `time` and carried nothing from then on: a
   * containers list read from `time` on (this process's clock) has missed no change of this engine.
   */
  quietSince(time: number): boolean {
    return this.connected && this.connectedAt < time && this.lastEventAt < time;
  }

  /** Opens the stream if it is not open; never throws (a stream that fails is retried). */
  watch(): Promise<void> {
    if (this.connected || this.stopped) return Promise.resolve();
    this.opening ??= this.open().finally(() => (this.opening = null));
    return this.opening;
  }

  /** Adds a listener (watch() opens the stream); the returned function removes the listener. */
  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async open(): Promise<void> {
    try {
      const stream = await this.client.containerEvents();
      if (this.stopped) return stream.destroy();
      this.stream = stream;
      this.connected = true;
      this.connectedAt = Date.now();
      const splitter = new LineSplitter();
      stream.on('data', (chunk: Buffer) => {
        for (const line of splitter.push(chunk)) this.dispatch(line);
      });
      let lost = false;
      const onLost = () => {
        if (lost) return;
        lost = true;
        this.disconnect();
      };
      stream.on('end', onLost);
      stream.on('close', onLost);
      stream.on('error', onLost);
      for (const listener of this.listeners) listener.onConnected?.();
    } catch {
      this.disconnect();
    }
  }

  private dispatch(line: string): void {
    if (line.trim() === '') return;
    this.lastEventAt = Date.now();
    let event: EngineContainerEvent | null = null;
    try {
      const parsed = JSON.parse(line) as { id?: string; Action?: string; status?: string; Actor?: { ID?: string } };
      const id = parsed.Actor?.ID ?? parsed.id;
      const action = parsed.Action ?? parsed.status;
      if (id && action) event = { id, action };
    } catch {
      // An event we cannot read: whatever it changed is unknown, as after a dropped stream.
      for (const listener of this.listeners) listener.onDisconnected?.();
      for (const listener of this.listeners) listener.onConnected?.();
      return;
    }
    if (event) for (const listener of this.listeners) listener.onEvent(event);
  }

  private disconnect(): void {
    const wasConnected = this.connected;
    this.connected = false;
    this.stream = null;
    if (wasConnected) for (const listener of this.listeners) listener.onDisconnected?.();
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.watch();
    }, 1000);
    this.retry.unref?.();
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.stream?.destroy();
    this.stream = null;
    if (this.connected) {
      this.connected = false;
      for (const listener of this.listeners) listener.onDisconnected?.();
    }
  }
}
