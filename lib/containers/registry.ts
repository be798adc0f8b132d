import 'server-only';
import { getConfig } from '@/lib/config/config';
import type { ContainerContext } from './context';
import { SwarmEngineDiscovery } from './engine-discovery';
import { engineHandleFor, engineHandlesFrom, flatNetworkFrom } from './engines';

// One set of engine clients per process (kept on globalThis across `next dev` reloads).
const holder = globalThis as typeof globalThis & { shipyardContainerContext?: ContainerContext };

/** The console's engines and flat network, from its environment. */
export function getContainerContext(): ContainerContext {
  if (!holder.shipyardContainerContext) {
    // The manager endpoint and the discovery settings are valid, or this throws the configuration's own message.
    const { engineDiscovery } = getConfig();
    const handles = engineHandlesFrom(process.env);
    const manager = handles[0];
    const discovery =
      engineDiscovery.mode === 'swarm' && manager
        ? new SwarmEngineDiscovery(manager, engineDiscovery.port, (url) => engineHandleFor(url, process.env))
        : undefined;
    holder.shipyardContainerContext = { handles, ...(discovery ? { discovery } : {}), flatNetwork: flatNetworkFrom(process.env) };
  }
  return holder.shipyardContainerContext;
}
