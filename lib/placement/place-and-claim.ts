// A placement decision made safe against every other console: choose a host and cores from the
// inventory, then claim the cores in one etcd transaction. Losing the race for a core means
// someone else took it since we read: read the claims again and choose again.
import { randomUUID } from 'node:crypto';
import type { CoreHolder } from './claim-keys';
import { claimExclusiveCores, listCoreClaims, type ClaimStore, type CoreClaim } from './core-claims';
import { claimOnHost, listMemoryLedgers, type MemoryLedger } from './memory-claims';
import { NoHostFitsError } from './no-host-fits';
import type { EngineReading } from './read-inventory';
import { withClaims } from './read-inventory';
import { placeContainer, type PlacementRequest } from './scheduler';

export interface PlacedContainer {
  readonly host: string;
  /** The cores claimed exclusively (empty without `cores`). */
  readonly cores: readonly number[];
  /** The claim's id, to bind the container to it or to release it; null when nothing was claimed. */
  readonly claim: string | null;
}

/** What a decision reads of etcd: the core claims and every host's memory ledger. */
export interface ClaimsRead {
  readonly cores: CoreClaim[];
  readonly memory: MemoryLedger[];
}

export async function readClaims(store: ClaimStore | null): Promise<ClaimsRead> {
  if (!store) return { cores: [], memory: [] };
  const [cores, memory] = await Promise.all([listCoreClaims(store), listMemoryLedgers(store)]);
  return { cores, memory };
}

/** Tries this often before telling the caller the cluster is too busy to place on. */
const PLACEMENT_ATTEMPTS = 10;

export async function placeAndClaim(
  store: ClaimStore | null,
  readings: readonly EngineReading[],
  request: PlacementRequest,
  name: string,
  /** The claims read alongside the engines (the first attempt's), so the two reads overlap. */
  firstClaims?: Promise<ClaimsRead>,
): Promise<PlacedContainer> {
  if (request.cores > 0 && !store) throw new Error('exclusive cores need the claims store (etcd)');
  for (let attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt += 1) {
    const claims = attempt === 0 && firstClaims ? await firstClaims : await readClaims(store);
    const placement = placeContainer(withClaims(readings, claims.cores, claims.memory), request);
    if (placement.kind === 'refused') throw new NoHostFitsError(placement.reasons);
    if ((request.cores === 0 && request.memoryBytes === 0) || !store) return { host: placement.host, cores: [], claim: null };
    const holder: CoreHolder = { claim: randomUUID(), container: null, name, at: new Date().toISOString() };
    // Memory: the host's ledger, guarded by the revision read, in the cores' transaction.
    const outcome =
      request.memoryBytes > 0
        ? await claimOnHost(store, placement.host, placement.cores, { bytes: request.memoryBytes, ledger: claims.memory.find((ledger) => ledger.host === placement.host) }, holder)
        : await claimExclusiveCores(store, placement.host, placement.cores, holder);
    if (outcome.kind === 'claimed') return { host: placement.host, cores: placement.cores, claim: holder.claim };
  }
  throw new NoHostFitsError([`every core or byte of memory the hosts had free was taken by other requests meanwhile (${PLACEMENT_ATTEMPTS} attempts): try again`]);
}
