import 'server-only';
import type Docker from 'dockerode';
import { getConfig, type ShipyardConfig } from '@/lib/config/config';
import { createDockerClient } from '@/lib/docker/client';
import { EtcdStore } from '@/lib/etcd/store';
import { hashPassword } from '@/lib/auth/password';
import { scheduleRetention } from '@/lib/audit/retention';
import { connectDatabase, migrate, seedDefaultAdmin, type DatabaseHandle } from '@/prisma-free-db';
import { createDatabaseReadiness, type DatabaseReadiness } from './database-readiness';

/** The console's long-lived clients, made once per process from the configuration. */
export interface Services {
  config: ShipyardConfig;
  docker: Docker;
  /** The one etcd connection, over the whole keyspace: IPAM, Flannel and health open prefixes on it. */
  etcd: EtcdStore;
  database: DatabaseHandle;
}

// Kept on globalThis so that `next dev` reloading modules does not open new pools each time.
const holder = globalThis as typeof globalThis & { shipyardServices?: Services; shipyardDatabaseReadiness?: DatabaseReadiness; shipyardRetention?: true };

export function getServices(): Services {
  if (!holder.shipyardServices) {
    const config = getConfig();
    const raw = connectDatabase({ servers: config.database.servers, db: config.database.name, credentials: config.database.credentials });
    const readiness = createDatabaseReadiness(raw, prepareDatabase);
    holder.shipyardDatabaseReadiness = readiness;
    holder.shipyardServices = {
      config,
      docker: createDockerClient(config.docker),
      etcd: new EtcdStore({ endpoints: config.etcd.endpoints, credentials: config.etcd.credentials, prefix: '' }),
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
