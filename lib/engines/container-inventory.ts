import type { EngineEvents } from './engine-events';

/** The part of an engine's event stream the inventory needs (a unit test passes a small stand-in). */
export type InventoryEventSource = Pick<EngineEvents, 'subscribe' | 'watch' | 'isConnected'>;

/** Where the console's own writes to the engine are announced (EngineClient.onContainerWrite). */
export type ContainerWriteSource = (listener: () => void) => () => void;

/**
 * One engine's containers list, kept between reads, so a list of 1,000 containers is not one
 * Docker call per page view. It is trusted only while the engine's shared event stream is open
 * and has carried nothing since the list was read:
 * - any container event (another client, the docker CLI on the host, a swarm task) drops it, so
 *   an out-of-band change shows on the next read, as soon as its event arrived;
 * - the console's own writes through the engine's client drop it before their caller hears the
 *   answer (ContainerWriteSource), so a caller always sees its own create or remove;
 * - a stream that drops, reconnects or carries an unreadable event drops it, and while the stream
 *   is down every read is a live read (nothing is kept);
 * - a read that began before any of these is returned to its caller but not kept (the generation).
 * Concurrent reads of the same generation share one live read.
 */
export class ContainerInventory<Item> {
  private kept: { items: Item[]; key: string } | null = null;
  private generation = 0;
  private pending: { generation: number; key: string; read: Promise<Item[]> } | null = null;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly events: InventoryEventSource,
    writes: ContainerWriteSource,
  ) {
    this.stops.push(
      events.subscribe({
        onEvent: () => this.invalidate(),
        onConnected: () => this.invalidate(),
        onDisconnected: () => this.invalidate(),
      }),
      writes(() => this.invalidate()),
    );
  }

  /** Forgets the kept list (and marks reads in flight as not to be kept). */
  invalidate(): void {
    this.generation += 1;
    this.kept = null;
  }

  /** Whether a read now would be answered without asking the engine. */
  get isFresh(): boolean {
    return this.kept !== null && this.events.isConnected;
  }

  /**
   * The list: the kept one while it is trusted, else `read()` (the live list), kept when nothing
   * changed while it ran. `key` names how the items were made (a different key is a different
   * list, e.g. another flat network's name).
   */
  async list(key: string, read: () => Promise<Item[]>): Promise<Item[]> {
    await this.events.watch();
    if (this.kept && this.kept.key === key && this.events.isConnected) return this.kept.items;
    const generation = this.generation;
    if (this.pending && this.pending.generation === generation && this.pending.key === key) return this.pending.read;
    const pending = { generation, key, read: read() };
    this.pending = pending;
    try {
      const items = await pending.read;
      if (this.generation === generation && this.events.isConnected) this.kept = { items, key };
      return items;
    } finally {
      if (this.pending === pending) this.pending = null;
    }
  }

  /** Stops listening (tests; engines that leave). */
  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.invalidate();
  }
}
