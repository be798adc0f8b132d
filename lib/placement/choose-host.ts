// The placement step of a container create: which engine, which exclusive cores, and the claim
// that holds them. A create that names its host and asks for nothing placement decides skips it.
import type { ContainerContext } from '@/lib/engines/context';
import type { Engine } from '@/lib/engines/engines';
import { engineForHost } from '@/lib/engines/locate';
import { keepClaims } from './claim-keeper';
import { placeAndClaim } from './place-and-claim';
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
}

export interface ChosenHost {
  readonly engine: Engine;
  /** Exclusive cores claimed for the container (empty: none). */
  readonly cores: readonly number[];
  /** The claim to bind to the container, or to release if the create fails; null: none. */
  readonly claim: string | null;
  /** The strategy that chose the host; null when the caller named it and nothing was placed. */
  readonly strategy: PlacementStrategy | null;
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
  if (!placementNeeded(context, request)) return { engine: await engineForHost(context, request.host), cores: [], claim: null, strategy: null };
  keepClaims(context);
  const readings = await readEngines(context, request.host, readingNeeds(request.image, request.network, request.rules));
  // A host named but not known: the same 422 as without placement.
  if (request.host !== undefined && readings.length === 0) await engineForHost(context, request.host);
  const strategy = request.strategy ?? context.placement?.strategy ?? 'spread';
  const placed = await placeAndClaim(
    context.placement?.store ?? null,
    readings,
    {
      image: request.image,
      cores: request.cores ?? 0,
      memoryBytes: (request.memoryMb ?? 0) * 1024 * 1024,
      network: request.network,
      rules: request.rules,
      strategy,
      pullIfMissing: false,
    },
    request.name ?? request.image,
  );
  return { engine: await engineForHost(context, placed.host), cores: placed.cores, claim: placed.claim, strategy };
}
