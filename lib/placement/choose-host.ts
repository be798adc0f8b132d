// The placement step of a container create: which engine, which exclusive cores, and the claim
// that holds them. A create that names its host and asks for nothing placement decides skips it.
import type { ContainerContext } from '@/lib/engines/context';
import type { Engine } from '@/lib/engines/engines';
import { engineForHost } from '@/lib/engines/locate';
import { keepClaims } from './claim-keeper';
import { hostHasImage } from './inventory';
import { NoHostFitsError } from './no-host-fits';
import { placeAndClaim, readClaims } from './place-and-claim';
import { hasRules, type PlacementRules } from './placement-rules';
import { readEngines, type ReadingNeeds } from './read-inventory';
import type { PlacementStrategy } from './strategy';

export interface HostRequest {
  readonly image: string;
  readonly name?: string;
  readonly host?: string;
  readonly cores?: number;
  readonly memoryMb?: number;
  readonly strategy?: PlacementStrategy;
  readonly network: string | null;
  readonly rules: PlacementRules;
  /** The caller may pull images: a host without the image may be chosen (`pull` says so). */
  readonly mayPull?: boolean;
  /** Hosts dropped for this create already (a pull that failed there), with why. */
  readonly skipped?: ReadonlyMap<string, string>;
}

export interface ChosenHost {
  readonly engine: Engine;
  /** Exclusive cores claimed for the container (empty: none). */
  readonly cores: readonly number[];
  /** The claim to bind to the container, or to release if the create fails; null: none. */
  readonly claim: string | null;
  /** The strategy that chose the host; null when the caller named it and nothing was placed. */
  readonly strategy: PlacementStrategy | null;
  /** The host chosen lacks the image: pull it there before creating. */
  readonly pull: boolean;
}

/** What the decision reads of each engine: its labels and whole image list only when a rule asks for them. */
export function readingNeeds(image: string, network: string | null, rules: PlacementRules): ReadingNeeds {
  return {
    image,
    network,
    labels: rules.constraints.some((constraint) => constraint.target.kind !== 'node'),
    allImages: rules.affinities.some((affinity) => affinity.kind === 'image'),
  };
}

/** Whether the console has a choice to make: several engines (or discovery) and no host named. */
function placementNeeded(context: ContainerContext, request: HostRequest): boolean {
  if (request.cores !== undefined || hasRules(request.rules)) return true;
  return request.host === undefined && (context.handles.length > 1 || context.discovery !== undefined);
}

export async function chooseHost(context: ContainerContext, request: HostRequest): Promise<ChosenHost> {
  if (!placementNeeded(context, request)) return { engine: await engineForHost(context, request.host), cores: [], claim: null, strategy: null, pull: false };
  keepClaims(context);
  // The claims are read while the engines are (one round trip, not two in a row).
  const store = context.placement?.store ?? null;
  const claims = readClaims(store);
  void claims.catch(() => undefined); // awaited below; not unhandled if the engines' read fails first
  const skipped = request.skipped ?? new Map<string, string>();
  const readings = (await readEngines(context, request.host, readingNeeds(request.image, request.network, request.rules))).filter((reading) => !skipped.has(reading.host));
  // A host named but not known: the same 422 as without placement.
  if (request.host !== undefined && readings.length === 0 && skipped.size === 0) await engineForHost(context, request.host);
  const strategy = request.strategy ?? context.placement?.strategy ?? 'spread';
  const placing = placeAndClaim(
    store,
    readings,
    {
      image: request.image,
      cores: request.cores ?? 0,
      memoryBytes: (request.memoryMb ?? 0) * 1024 * 1024,
      network: request.network,
      rules: request.rules,
      strategy,
      pullIfMissing: request.mayPull === true,
    },
    request.name ?? request.image,
    claims,
  );
  const placed = await placing.catch((error: unknown) => {
    if (error instanceof NoHostFitsError && skipped.size > 0) throw new NoHostFitsError([...error.reasons.filter((reason) => reason !== 'no engine is configured'), ...[...skipped].map(([host, reason]) => `${host}: ${reason}`)]);
    throw error;
  });
  const reading = readings.find((candidate) => candidate.host === placed.host);
  const pull = reading?.state === 'up' && !hostHasImage(reading, request.image);
  return { engine: await engineForHost(context, placed.host), cores: placed.cores, claim: placed.claim, strategy, pull };
}
