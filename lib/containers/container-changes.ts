import { AppError } from '@/lib/errors/app-error';
import { toContainerSummary, type ContainerSummary } from './container-summary';
import type { ContainerContext } from '@/lib/engines/context';
import { engineHandlesOf } from '@/lib/engines/context-engines';
import { identify, type Engine } from '@/lib/engines/engines';
import { FollowSet } from '@/lib/engines/follow-set';

/**
 * A change to the containers list, in the app's own shape: a container (new or changed) with
 * its summary, one gone, or "reload" when an engine's stream dropped and events may be lost.
 */
export type ContainerChange =
  | { kind: 'upsert'; id: string; host: string; container: ContainerSummary }
  | { kind: 'remove'; id: string; host: string }
  | { kind: 'resync'; host: string };

/** The Docker actions that change what the list shows. */
export const LIST_ACTIONS = new Set(['create', 'start', 'die', 'stop', 'kill', 'pause', 'unpause', 'rename', 'destroy', 'update', 'restart']);

/** Reshapes one Docker event: destroy is a removal, the rest are re-read with inspect. */
export async function changeFor(engine: Engine, action: string, id: string, flatNetwork: string | null): Promise<ContainerChange | null> {
  const host = engine.identity.host;
  if (!LIST_ACTIONS.has(action)) return null;
  if (action === 'destroy') return { kind: 'remove', id, host };
  try {
    const inspect = await engine.client.inspectContainer(id);
    return { kind: 'upsert', id, host, container: toContainerSummary(inspect, host, flatNetwork) };
  } catch (error) {
    // Removed before it could be read: its destroy event follows, and it is gone either way.
    if (error instanceof AppError && error.code === 'NOT_FOUND') return { kind: 'remove', id, host };
    return { kind: 'resync', host };
  }
}

type ChangeListener = (change: ContainerChange) => void;

/** How often the feed looks for engines that joined or left (discovery reads the swarm at most every 30 s). */
const ENGINE_REFRESH_MS = 30_000;

/**
 * The containers list's changes for every browser: each engine's shared event stream is followed
 * once, each event reshaped once (in order per engine), and the change fanned out to listeners.
 * The engines are followed from the first listener on, and let go when the last one leaves.
 * While followed, the engines are looked up again every 30 s: one that appeared (discovered on a
 * swarm node, or back up) is followed too, one that went is let go; either way browsers get a
 * `resync` for its host, so their list gains or loses its containers without a reload.
 */
export class ContainerChangeFeed {
  private listeners = new Set<ChangeListener>();
  private readonly engines = new FollowSet<Engine>((engine) => engine.url, (engine) => this.follow(engine));
  private starting: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Bumped on release, so a refresh that was under way when the last listener left changes nothing. */
  private generation = 0;
  /** When an engine was last let go of: a list read before that shows containers of an engine now gone. */
  private engineLeftAt = 0;

  constructor(
    private readonly context: ContainerContext,
    private readonly options: { refreshMs?: number } = {},
  ) {}

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** How many engines' event streams are followed now. */
  get followedCount(): number {
    return this.engines.size;
  }

  /**
   * Whether a list read from `time` on is still current: every followed engine's event stream has
   * been open since before then and quiet, and no engine has left. A browser that subscribed just
   * after the page's list was read then needs no second read of the list.
   */
  isUnchangedSince(time: number): boolean {
    return this.engineLeftAt < time && this.engines.size > 0 && this.engines.items().every((engine) => engine.events.quietSince(time));
  }

  async subscribe(listener: ChangeListener): Promise<() => void> {
    this.listeners.add(listener);
    if (this.timer === null) {
      this.starting ??= this.start().finally(() => (this.starting = null));
    }
    if (this.starting) await this.starting;
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.release();
    };
  }

  /**
   * Follows the engines there are now and lets go of those gone (the timer calls this; tests too).
   * Never throws: an engine that does not answer is simply not followed until it does.
   */
  refreshEngines(): Promise<void> {
    this.refreshing ??= this.reconcile(true).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private emit(change: ContainerChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private async start(): Promise<void> {
    this.timer = setInterval(() => void this.refreshEngines(), this.options.refreshMs ?? ENGINE_REFRESH_MS);
    this.timer.unref?.();
    await this.reconcile(false);
  }

  private async reconcile(announce: boolean): Promise<void> {
    const generation = this.generation;
    let handles;
    try {
      handles = (await engineHandlesOf(this.context)).handles;
    } catch {
      return; // the next refresh tries again; the list page shows what is wrong
    }
    const results = await Promise.allSettled(handles.map(identify));
    if (generation !== this.generation) return;
    // An engine down is not followed (the list page shows it down) until it answers again.
    const up = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const { added, removed } = this.engines.update(up);
    if (removed.length > 0) this.engineLeftAt = Date.now();
    for (const engine of removed) this.emit({ kind: 'resync', host: engine.identity.host });
    await Promise.all(added.map((engine) => engine.events.watch()));
    if (announce && generation === this.generation) for (const engine of added) this.emit({ kind: 'resync', host: engine.identity.host });
  }

  /** Subscribes to one engine's shared event stream; returns how to stop. */
  private follow(engine: Engine): () => void {
    let queue: Promise<void> = Promise.resolve();
    let first = !engine.events.isConnected;
    return engine.events.subscribe({
      onEvent: (event) => {
        // In order per engine: a start read after a later die must not win.
        queue = queue.then(async () => {
          const change = await changeFor(engine, event.action, event.id, this.context.flatNetwork);
          if (change) this.emit(change);
        });
      },
      onConnected: () => {
        if (!first) this.emit({ kind: 'resync', host: engine.identity.host });
        first = false;
      },
    });
  }

  private release(): void {
    this.generation += 1;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.engines.clear();
  }
}
