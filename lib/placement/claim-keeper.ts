// Frees the cores of removed containers: at once from each engine's event stream (`destroy`),
// and by a periodic reconcile for whatever the stream missed (a console that was down, a dropped
// stream), with a grace period as the IPAM's gc has: a claim younger than it may belong to a
// create still under way. A host whose engine does not answer keeps its claims: its containers
// may still be there.
import type { ContainerContext } from '@/lib/engines/context';
import { engineHandlesOf } from '@/lib/engines/context-engines';
import { identify, type EngineHandle } from '@/lib/engines/engines';
import { reconcileHost, releaseContainer } from './core-claims';
import type { PlacementSettings } from './placement-settings';

export const RECONCILE_INTERVAL_MS = 30_000;

const kept = new WeakSet<PlacementSettings>();
const followed = new WeakSet<EngineHandle>();

function warn(what: string, error: unknown): void {
  console.warn(`shipyard placement: ${what}: ${error instanceof Error ? error.message : String(error)}`);
}

/** Reconciles one host: its engine's containers (any state) against the claims. */
export async function reconcileEngine(settings: PlacementSettings, handle: EngineHandle, now = Date.now()): Promise<number[]> {
  const engine = await identify(handle);
  const existing = new Set((await handle.client.listContainers({ all: true })).map((container) => container.Id));
  return reconcileHost(settings.store, engine.identity.host, existing, settings.graceMs, now);
}

function follow(settings: PlacementSettings, handle: EngineHandle): void {
  if (followed.has(handle)) return;
  followed.add(handle);
  handle.events.subscribe({
    onEvent: (event) => {
      if (event.action !== 'destroy') return;
      void identify(handle)
        .then((engine) => releaseContainer(settings.store, engine.identity.host, event.id))
        .catch((error: unknown) => warn(`cannot free the cores of removed container ${event.id.slice(0, 12)} (the reconcile will)`, error));
    },
    // Events may have been missed while the stream was down.
    onConnected: () => void reconcileEngine(settings, handle).catch((error: unknown) => warn(`cannot reconcile ${handle.url}`, error)),
  });
  void handle.events.watch();
}

/** Every engine of the context (through its own clients, never a user's), followed and reconciled; engines discovery finds later join at the next round. */
export async function reconcileAll(context: ContainerContext, settings: PlacementSettings): Promise<void> {
  const { handles } = await engineHandlesOf(context);
  await Promise.all(
    handles.map(async (handle) => {
      follow(settings, handle);
      await reconcileEngine(settings, handle).catch(() => undefined); // down: keeps its claims
    }),
  );
}

/** Starts, once per process and settings, following the engines and the periodic reconcile. */
export function keepClaims(context: ContainerContext): void {
  const settings = context.placement;
  if (!settings || kept.has(settings)) return;
  kept.add(settings);
  for (const handle of context.handles) follow(settings, handle);
  const timer = setInterval(() => void reconcileAll(context, settings).catch((error: unknown) => warn('the reconcile failed', error)), RECONCILE_INTERVAL_MS);
  timer.unref?.();
}
