import type { AddressInfo } from 'node:net';
import { createTokenFailureGate } from '@/lib/auth/token-rate-limit';
import type { ShipyardConfig } from '@/lib/config/config';
import { AuditJournal } from '@/lib/audit/audit-journal';
import { watchedTokenCache } from '@/lib/auth/token-cache';
import { connectDatabase, migrate, recordEventsOnce, type DatabaseHandle } from '@/prisma-free-db';
import type { GatewayContext } from './gateway-context';
import { createGatewayServer } from './gateway-server';
import { gatewayEngineOf, type GatewayEngines } from './gateway-engines';
import { createUpstream, type Upstream } from './upstream';
import { engineHandleOf, stopEngines } from '@/lib/engines/engines';
import { EtcdStore } from '@/lib/etcd/store';
import { PLACEMENT_PREFIX } from '@/lib/placement/claim-keys';
import { DEFAULT_CLAIM_GRACE_MS } from '@/lib/placement/placement-settings';

export interface DockerGateway {
  /** The address it listens on, e.g. 127.0.0.1:2375. */
  address: string;
  close(): Promise<void>;
}

/** The database migrated once, retried on the next call after a failure (the database may start later). */
function onceReady(database: DatabaseHandle): () => Promise<void> {
  let ready: Promise<void> | undefined;
  return () => {
    ready ??= migrate(database)
      .then(() => undefined)
      .catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
    return ready;
  };
}

/**
 * The engines the gateway fronts: the manager (its connection `upstream`), then each host's
 * (SHIPYARD_ENGINES), each with its own event stream and inventory; the console's claims in etcd
 * are read for placement, and a create's memory claimed there (a gateway create claims no cores).
 */
function gatewayEngines(config: ShipyardConfig, upstream: Upstream): GatewayEngines {
  const [, ...others] = config.engines;
  const handles = [engineHandleOf(config.docker), ...others.map((endpoint) => engineHandleOf(endpoint))];
  const store = new EtcdStore({ endpoints: config.etcd.endpoints, credentials: config.etcd.credentials, prefix: PLACEMENT_PREFIX });
  return {
    all: handles.map((handle, index) => (index === 0 ? gatewayEngineOf(handle, upstream) : gatewayEngineOf(handle))),
    placement: { handles, flatNetwork: config.flatNetwork, placement: { store, strategy: config.placementStrategy, graceMs: DEFAULT_CLAIM_GRACE_MS } },
  };
}

/**
 * Starts the Docker API gateway on SHIPYARD_GATEWAY_LISTEN (null when that is unset: the gateway
 * is off), forwarding to SHIPYARD_DOCKER. It has its own database pool and engine connections, so
 * it runs beside the Next server in the same process or without it.
 */
export async function startDockerGateway(config: ShipyardConfig): Promise<DockerGateway | null> {
  if (!config.gatewayListen) return null;
  const database = connectDatabase({ servers: config.database.servers, db: config.database.name, credentials: config.database.credentials });
  const upstream = createUpstream(config.docker);
  const engines = gatewayEngines(config, upstream);
  const [manager] = engines.all;
  if (!manager) throw new Error('the gateway has no engine');
  const databaseReady = onceReady(database);
  // Each call's audit record: journaled locally on the call's path, in the database in batches;
  // what an earlier process left unwritten is written first.
  let journal: AuditJournal;
  try {
    journal = AuditJournal.open(config.auditJournal, async (events) => {
      await databaseReady();
      await recordEventsOnce(database, events);
    });
  } catch (error) {
    await database.close();
    throw new Error(`SHIPYARD_AUDIT_JOURNAL: cannot keep the audit journal in ${config.auditJournal}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const tokens = watchedTokenCache();
  const context: GatewayContext = {
    database,
    upstream,
    databaseReady,
    tokenGate: createTokenFailureGate(async () => {
      await databaseReady();
      return database;
    }),
    trustProxy: config.trustProxy,
    tokenCache: tokens.cache,
    journal,
    lookups: manager.lookups,
    policyResolver: manager.policyResolver,
    engines,
  };
  const gateway = createGatewayServer(context);
  const { server } = gateway;
  const { host, port } = config.gatewayListen;
  const stopAll = async () => {
    tokens.stop();
    await journal.close();
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => void stopAll().finally(() => reject(error)));
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const address = `${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`;
  return {
    address,
    async close() {
      gateway.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopAll(); // the last calls' records reach the database before it closes
      await database.close();
      stopEngines(engines.placement.handles);
      engines.placement.placement?.store.close();
    },
  };
}
