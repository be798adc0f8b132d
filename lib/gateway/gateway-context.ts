import type { TokenFailureGate } from '@/lib/auth/token-rate-limit';
import type { VerifiedTokenCache } from '@/lib/auth/token-cache';
import type { AuditJournal } from '@/lib/audit/audit-journal';
import type { DatabaseHandle } from '@/prisma-free-db';
import type { PolicyResolver } from '@/lib/policy';
import type { EngineLookups } from './engine-objects';
import type { GatewayEngines } from './gateway-engines';
import type { Upstream } from './upstream';

/** What every gateway call uses: the accounts database and the engine it forwards to. */
export interface GatewayContext {
  database: DatabaseHandle;
  upstream: Upstream;
  /** Resolves once the database is migrated; rejects (and is retried on the next call) while it is down. */
  databaseReady(): Promise<void>;
  /** The engine's containers, execs, networks, volumes and services, by reference (through `upstream`). */
  lookups: EngineLookups;
  /** The same engine, as lib/policy asks it (references to full ids and facts). */
  policyResolver: PolicyResolver;
  /** The limit on failed token attempts per address, the console's own (shared through the database). */
  tokenGate: TokenFailureGate;
  /**
   * Every engine it fronts, the manager first (SHIPYARD_DOCKER, SHIPYARD_ENGINES): with several, a
   * create is placed on one of them, a container's calls go to the engine that holds it and the
   * containers list is merged. Absent: everything goes to `upstream`, rules unchecked.
   */
  engines?: GatewayEngines;
  /** Tokens let in moments ago (dropped at once when a token is revoked or an account changes). */
  tokenCache: VerifiedTokenCache;
  /** Where each call's audit record goes first: a local journal flushed to the database (lib/audit/audit-journal.ts). */
  journal: AuditJournal;
  /** Proxies in front that append to X-Forwarded-For (SHIPYARD_TRUST_PROXY); 0: the socket's address counts. */
  trustProxy: number;
}
