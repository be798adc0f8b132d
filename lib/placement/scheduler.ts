// The placement decision: filter the hosts, then rank the ones left by the strategy. Pure: the
// same inventory and request always give the same answer, so it is tested without Docker.
import { valueMatches, type Affinity, type Constraint } from './constraint-expression';
import { freeCoresOf, hostHasImage, normalizeImage, runningCountOf, type HostInventory, type UpHost } from './inventory';
import type { PlacementRules } from './placement-rules';
import type { PlacementStrategy } from './strategy';

export interface PlacementRequest {
  readonly image: string;
  /** Whole cores to hand out exclusively (0: none). */
  readonly cores: number;
  /** The memory limit asked for, reserved on the host (0: none). */
  readonly memoryBytes: number;
  /** The network the container joins; null or a built-in one: every host has it. */
  readonly network: string | null;
  readonly rules: PlacementRules;
  readonly strategy: PlacementStrategy;
  /** Hosts without the image may still be chosen (they pull it first). */
  readonly pullIfMissing: boolean;
}

export type Placement =
  | { readonly kind: 'placed'; readonly host: string; readonly cores: readonly number[] }
  /** One line per host, saying why it does not fit. */
  | { readonly kind: 'refused'; readonly reasons: readonly string[] };

const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none', 'default']);
const MIB = 1024 * 1024;

function constraintHolds(host: UpHost, constraint: Constraint): boolean {
  const actual = constraint.target.kind === 'node' ? host.host : host.labels[constraint.target.name];
  const matches = actual !== undefined && valueMatches(constraint.value, actual);
  return constraint.operator === '==' ? matches : !matches;
}

function affinityHolds(host: UpHost, affinity: Affinity): boolean {
  const matches =
    affinity.kind === 'container'
      ? host.containers.some((container) => valueMatches(affinity.value, container.name) || (affinity.value.length >= 6 && container.id.startsWith(affinity.value)))
      : /[*?]|^\//.test(affinity.value)
        ? [...host.images].some((image) => valueMatches(affinity.value, image) || valueMatches(normalizeImage(affinity.value), image))
        : hostHasImage(host, affinity.value);
  return affinity.operator === '==' ? matches : !matches;
}

/** The request's parts every host is checked against, worked out once per decision. */
interface Checks {
  readonly constraints: readonly Constraint[];
  readonly affinities: readonly Affinity[];
  readonly image: string;
}

function checksOf(request: PlacementRequest, withSoft: boolean): Checks {
  const kept = (rule: { soft: boolean }) => withSoft || !rule.soft;
  return { constraints: request.rules.constraints.filter(kept), affinities: request.rules.affinities.filter(kept), image: normalizeImage(request.image) };
}

/** Why `host` cannot take the request, or null when it can. */
function refusalOf(host: HostInventory, request: PlacementRequest, checks: Checks): string | null {
  if (host.state === 'down') return `down (${host.reason})`;
  const broken = checks.constraints.find((constraint) => !constraintHolds(host, constraint));
  if (broken) return `constraint not met: ${broken.text}`;
  const unmet = checks.affinities.find((affinity) => !affinityHolds(host, affinity));
  if (unmet) return `affinity not met: ${unmet.text}`;
  if (request.network !== null && !BUILTIN_NETWORKS.has(request.network) && !host.networks.has(request.network)) return `no network ${request.network}`;
  if (!request.pullIfMissing && !host.images.has(checks.image) && !hostHasImage(host, request.image)) return `no image ${checks.image} (pull it there first)`;
  if (request.cores > 0) {
    const free = host.cpus - countHeld(host);
    if (free < request.cores) {
      return free === 0 ? `no free core (all ${host.cpus} held)` : `no free core enough: ${request.cores} asked, ${free} of ${host.cpus} free`;
    }
  }
  if (request.memoryBytes > 0 && host.memoryBytes > 0) {
    const free = host.memoryBytes - host.reservedMemoryBytes;
    if (free < request.memoryBytes) return `memory: ${Math.round(request.memoryBytes / MIB)} MiB asked, ${Math.max(0, Math.round(free / MIB))} MiB free`;
  }
  return null;
}

/** Cores held among the host's own (a cpuset may name cores beyond them). */
function countHeld(host: UpHost): number {
  let held = 0;
  for (const core of host.cores.keys()) if (core < host.cpus) held += 1;
  return held;
}

/** How loaded a host would be with the request on it: classic swarm's CPU + memory reservation ratio. */
function loadOf(host: UpHost, request: PlacementRequest): number {
  const cpu = host.cpus > 0 ? (countHeld(host) + request.cores) / host.cpus : 0;
  const memory = host.memoryBytes > 0 ? (host.reservedMemoryBytes + request.memoryBytes) / host.memoryBytes : 0;
  return cpu + memory;
}

function rank(candidates: UpHost[], request: PlacementRequest): UpHost | undefined {
  const direction = request.strategy === 'spread' ? 1 : -1;
  const scored = candidates.map((host) => ({ host, load: loadOf(host, request), running: runningCountOf(host) }));
  scored.sort((a, b) => direction * (a.load - b.load) || direction * (a.running - b.running) || a.host.host.localeCompare(b.host.host));
  return scored[0]?.host;
}

/** Chooses a host (and the lowest free cores on it) for the request, or says per host why none fits. */
export function placeContainer(inventory: readonly HostInventory[], request: PlacementRequest): Placement {
  const every = checksOf(request, true);
  let reasons = inventory.map((host) => ({ host, reason: refusalOf(host, request, every) }));
  // Soft rules are wishes: when no host meets them all, only the hard ones count.
  if (!reasons.some((entry) => entry.reason === null)) {
    const hardOnly = checksOf(request, false);
    reasons = inventory.map((host) => ({ host, reason: refusalOf(host, request, hardOnly) }));
  }
  const candidates = reasons.flatMap((entry) => (entry.reason === null && entry.host.state === 'up' ? [entry.host] : []));
  const chosen = rank(candidates, request);
  if (!chosen) {
    return { kind: 'refused', reasons: inventory.length === 0 ? ['no engine is configured'] : reasons.map((entry) => `${entry.host.host}: ${entry.reason ?? 'no'}`) };
  }
  return { kind: 'placed', host: chosen.host, cores: freeCoresOf(chosen).slice(0, request.cores) };
}
