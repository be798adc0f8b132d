import 'server-only';
import { getConfig } from '@/lib/config/config';
import type { ContainerContext } from './context';
import { engineHandlesFrom, flatNetworkFrom } from './engines';

// One set of engine clients per process (kept on globalThis across `next dev` reloads).
const holder = globalThis as typeof globalThis & { shipyardContainerContext?: ContainerContext };

/** The console's engines and flat network, from its environment. */
export function getContainerContext(): ContainerContext {
  if (!holder.shipyardContainerContext) {
    getConfig(); // the manager endpoint is valid, or this throws the configuration's own message
    holder.shipyardContainerContext = { handles: engineHandlesFrom(process.env), flatNetwork: flatNetworkFrom(process.env) };
  }
  return holder.shipyardContainerContext;
}
