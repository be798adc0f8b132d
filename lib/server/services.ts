import 'server-only';
import { getConfig, type ShipyardConfig } from '@/lib/config/config';
import type { ContainerContext } from '@/lib/engines/context';
import { SwarmEngineDiscovery } from '@/lib/engines/engine-discovery';
import { engineHandleFor, engineHandleOf, type EngineHandle } from '@/lib/engines/engines';
import type { EngineClient } from '@/lib/docker/engine-client';
import { setEngineRequestGate, userCaller } from '@/lib/docker/engine-request';
import { policyGate } from '@/lib/docker/policy-gate';
import type { Role } from '@/prisma-free-db/schemas/account';
import { EtcdStore } from '@/lib/etcd/store';
import { PLACEMENT_PREFIX } from '@/lib/placement/claim-keys';
import { DEFAULT_CLAIM_GRACE_MS } from '@/lib/placement/placement-settings';
import { hashPassword } from '@/lib/auth/password';
import { scheduleRetention } from '@/lib/audit/retention';
import { registryKeyProblem } from '@/lib/registries/registry-key';
import { connectDatabase, migrate, seedDefaultAdmin, type DatabaseHandle } from '@/prisma-free-db';
import { createDatabaseReadiness, type DatabaseReadiness } from './database-readiness';

/** The console's long-lived clients, made once per process from the configuration. */
export interface Services {
  config: ShipyardConfig;
  /** The manager's engine client (SHIPYARD_DOCKER): swarm, networks, the dashboard, IPAM. The same client as engines[0]. */
  docker: EngineClient;
  /** Every configured engine's client, the manager first. */
  engines: readonly EngineClient[];
  /** Where containers live: the same engines with their event streams and limits, discovery, the flat network. */
  containers: ContainerContext;
  /** The one etcd connection, over the whole keyspace: IPAM, Flannel and health open prefixes on it. */
  etcd: EtcdStore;
  database: DatabaseHandle;
}

// Kept on globalThis so that `next dev` reloading modules does not open new pools each time.
const holder = globalThis as typeof globalThis & { shipyardServices?: Services; shipyardDatabaseReadiness?: DatabaseReadiness; shipyardRetention?: true };

export function getServices(): Services {
  if (!holder.shipyardServices) {
    // Before any client exists: every request a user's action makes to an engine, on every path
    // (REST routes, the exec WebSocket, server actions), passes lib/policy's default-deny policy.
    setEngineRequestGate(policyGate);
    const config = getConfig();
    // Said once at start-up: without its own key, saved registries answer REGISTRY_KEY_MISSING.
    const registryKey = registryKeyProblem();
    if (registryKey) console.warn(`shipyard: ${registryKey}`);
    // config.engines starts with config.docker: the manager's handle is made once, here.
    const [manager, ...others] = config.engines.map(engineHandleOf);
    if (!manager) throw new Error('shipyard: the configuration lists no Docker engine');
    const etcd = new EtcdStore({ endpoints: config.etcd.endpoints, credentials: config.etcd.credentials, prefix: '' });
    const containers: ContainerContext = {
      ...containerContextOf(config, [manager, ...others]),
      placement: { store: etcd.within(PLACEMENT_PREFIX), strategy: config.placementStrategy, graceMs: DEFAULT_CLAIM_GRACE_MS },
    };
    const raw = connectDatabase({ servers: config.database.servers, db: config.database.name, credentials: config.database.credentials });
    const readiness = createDatabaseReadiness(raw, prepareDatabase);
    holder.shipyardDatabaseReadiness = readiness;
    holder.shipyardServices = {
      config,
      docker: manager.client,
      engines: containers.handles.map((handle) => handle.client),
      containers,
      etcd,
      database: readiness.database,
    };
  }
  return holder.shipyardServices;
}

/** Migrations and the first-admin seed: at the first use, and again after the database came back without them. */
async function prepareDatabase(database: DatabaseHandle): Promise<void> {
  await migrate(database);
  const seeded = await seedDefaultAdmin(database, { hashPassword });
  if (seeded.created) console.warn('shipyard: created the first account admin / shipyard; change its password now');
  if (!holder.shipyardRetention) {
    holder.shipyardRetention = true;
    scheduleRetention(async () => getServices().database);
  }
}

/** The manager's engine client acting for a signed-in user: the engine request gate sees their name and role. */
export function managerClientFor(user: { readonly username: string; readonly role: Role; readonly grants?: readonly string[] }): EngineClient {
  return getServices().docker.as(userCaller(user));
}

/** The configured engines (one client each, the manager first), discovery if enabled, the flat network. */
function containerContextOf(config: ShipyardConfig, handles: [EngineHandle, ...EngineHandle[]]): ContainerContext {
  const [manager] = handles;
  const discovery =
    config.engineDiscovery.mode === 'swarm'
      ? new SwarmEngineDiscovery(manager, config.engineDiscovery.port, (url) => engineHandleFor(url, config.engineTls))
      : undefined;
  return { handles, ...(discovery ? { discovery } : {}), flatNetwork: config.flatNetwork };
}

/**
 * Migrations and the seed before the first database use, and again once the connection was lost
 * or a query found a table missing (lib/server/database-readiness.ts). A failure (database down)
 * is not cached: the next request tries again.
 */
export function ensureDatabaseReady(): Promise<void> {
  getServices();
  const readiness = holder.shipyardDatabaseReadiness;
  if (!readiness) throw new Error('the database readiness was not set up with the services');
  return readiness.ready();
}

/** The database, migrated and seeded. */
export async function getDatabase(): Promise<DatabaseHandle> {
  await ensureDatabaseReady();
  return getServices().database;
}
