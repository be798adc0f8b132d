import 'server-only';
import { hostname } from 'node:os';
import { type EngineCaller, systemCaller } from '@/lib/docker/engine-request';
import { ipamStoreWithin, type Store } from '@/lib/ipam/store';
import type { Engine } from '@/lib/ipam/engine';
import { getServices } from '@/lib/server/services';
import type { IpamServices } from './ipam-mutations';
import { allocationContext, type AllocationContext } from './allocations';
import { consoleEngine } from './console-engine';
import { type EngineView, readEngineView } from './engine-view';

// One store (on the services' etcd connection, one watch stream for every open page) per process.
const holder = globalThis as typeof globalThis & { shipyardIpamStore?: Store };

/** The sidecar's pools in etcd, under IPAM_ETCD_PREFIX. */
export function getIpamStore(): Store {
  if (!holder.shipyardIpamStore) {
    const { config, etcd } = getServices();
    holder.shipyardIpamStore = ipamStoreWithin(etcd, config.ipamPrefix);
  }
  return holder.shipyardIpamStore;
}

// The IPAM inventory is the console's own work (not one user's): its engine requests say so.
const ipamInventory = () => getServices().docker.as(systemCaller('ipam-inventory'));

export function readConsoleEngineView(): Promise<EngineView> {
  return readEngineView(ipamInventory());
}

export function consoleAllocationContext(): Promise<AllocationContext> {
  return allocationContext(getIpamStore(), readConsoleEngineView);
}

/** The engine gc checks, and the host id its allocations carry (Docker's Name, the sidecar's default --host-id). */
export async function consoleGcTarget(caller: EngineCaller): Promise<{ engine: Engine; hostId: string }> {
  const client = getServices().docker.as(caller);
  const view = await readEngineView(client);
  return { engine: consoleEngine(client), hostId: view.host || hostname() };
}

/** The IPAM actions' services: the process-wide store and the console's engine for gc. */
export function consoleIpamServices(): IpamServices {
  return { store: getIpamStore(), gcTarget: consoleGcTarget };
}
