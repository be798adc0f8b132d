import { readContainerInspect } from '@/lib/docker/container-inspect';
import { translateDockerError } from '@/lib/docker/docker-errors';
import { toContainerSummary, type ContainerSummary } from './container-summary';
import type { ContainerContext } from './context';
import { engineHandlesOf } from './context-engines';
import { identify, type Engine } from './engines';

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
    const inspect = await readContainerInspect(engine.docker.getContainer(id));
    return { kind: 'upsert', id, host, container: toContainerSummary(inspect, host, flatNetwork) };
  } catch (error) {
    // Removed before it could be read: its destroy event follows, and it is gone either way.
    if (translateDockerError(error, engine.url).code === 'NOT_FOUND') return { kind: 'remove', id, host };
    return { kind: 'resync', host };
  }
}

type ChangeListener = (change: ContainerChange) => void;

/**
 * The containers list's changes for every browser: each engine's shared event stream is followed
 * once, each event reshaped once (in order per engine), and the change fanned out to listeners.
 * The engines are followed from the first listener on, and let go when the last one leaves.
 */
export class ContainerChangeFeed {
  private listeners = new Set<ChangeListener>();
  private unsubscribes: (() => void)[] = [];
  private starting: Promise<void> | null = null;

  constructor(private readonly context: ContainerContext) {}

  get listenerCount(): number {
    return this.listeners.size;
  }

  async subscribe(listener: ChangeListener): Promise<() => void> {
    this.listeners.add(listener);
    if (this.unsubscribes.length === 0) {
      this.starting ??= this.start().finally(() => (this.starting = null));
      await this.starting;
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.release();
    };
  }

  private emit(change: ContainerChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private async start(): Promise<void> {
    const engines = await Promise.allSettled((await engineHandlesOf(this.context)).handles.map(identify));
    for (const result of engines) {
      if (result.status !== 'fulfilled') continue; // an engine down shows on the list page already
      const engine = result.value;
      let queue: Promise<void> = Promise.resolve();
      let first = true;
      this.unsubscribes.push(
        engine.events.subscribe({
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
        }),
      );
      if (engine.events.isConnected) first = false;
      await engine.events.watch();
    }
  }

  private release(): void {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
  }
}
