import type { EtcdStore } from '@/lib/etcd/store';
import type { PlacementStrategy } from './strategy';

/** What placement needs beyond the engines: where the claims live, and the default strategy. */
export interface PlacementSettings {
  /** The etcd store over the claims' prefix (claim-keys.ts), on the console's one connection. */
  readonly store: EtcdStore;
  /** SHIPYARD_PLACEMENT_STRATEGY; a request may ask for the other. */
  readonly strategy: PlacementStrategy;
  /** How old a claim must be before the reconcile may free it (a create may still be under way). */
  readonly graceMs: number;
}

export const DEFAULT_CLAIM_GRACE_MS = 60_000;
