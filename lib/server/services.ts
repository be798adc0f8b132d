import 'server-only';
import type Docker from 'dockerode';
import { getConfig, type ShipyardConfig } from '@/lib/config/config';
import { createDockerClient } from '@/lib/docker/client';
import { EtcdStore } from '@/lib/etcd/store';
import { hashPassword } from '@/lib/auth/password';
import { scheduleRetention } from '@/lib/audit/retention';
import { connectDatabase, migrate, seedDefaultAdmin, type DatabaseHandle } from '@/prisma-free-db';

/** The console's long-lived clients, made once per process from the configuration. */
export interface Services {
  config: ShipyardConfig;
  docker: Docker;
  /** The one etcd connection, over the whole keyspace: IPAM, Flannel and health open prefixes on it. */
  etcd: EtcdStore;
  database: DatabaseHandle;
}

// Kept on globalThis so that `next dev` reloading modules does not open new pools each time.
const holder = globalThis as typeof globalThis & { shipyardServices?: Services; shipyardDatabaseReady?: Promise<void> };

export function getServices(): Services {
  if (!holder.shipyardServices) {
    const config = getConfig();
    holder.shipyardServices = {
      config,
      docker: createDockerClient(config.docker),
      etcd: new EtcdStore({ endpoints: config.etcd.endpoints, credentials: config.etcd.credentials, prefix: '' }),
      database: connectDatabase({ servers: config.database.servers, db: config.database.name, credentials: config.database.credentials }),
    };
  }
  return holder.shipyardServices;
}

/**
 * Migrations and the first-admin seed, run once per process before the first database use.
 * A failure (database down) is not cached: the next request tries again.
 */
export function ensureDatabaseReady(): Promise<void> {
  if (!holder.shipyardDatabaseReady) {
    const { database } = getServices();
    holder.shipyardDatabaseReady = (async () => {
      await migrate(database);
      const seeded = await seedDefaultAdmin(database, { hashPassword });
      if (seeded.created) console.warn('shipyard: created the first account admin / shipyard; change its password now');
      scheduleRetention(async () => database);
    })().catch((error: unknown) => {
      holder.shipyardDatabaseReady = undefined;
      throw error;
    });
  }
  return holder.shipyardDatabaseReady;
}

/** The database, migrated and seeded. */
export async function getDatabase(): Promise<DatabaseHandle> {
  await ensureDatabaseReady();
  return getServices().database;
}
