// A docker CLI create at the gateway, placed as classic swarm's manager placed it: the rules of
// the body (`-e constraint:node==h2`, `-e affinity:container==web`, `-l com.docker.swarm.constraints=[…]`)
// and its memory are checked by lib/placement against every engine the gateway fronts, and the
// create goes to the host chosen (spread or binpack, the console's setting). A malformed rule is a
// 422 naming the field, no host fitting a 409 with one line per host. With one engine only, the
// rules are checked against it, and a body without rules goes on untouched.
import { ValidationError } from '@/lib/errors/app-error';
import { hostHasImage } from '@/lib/placement/inventory';
import { NoHostFitsError } from '@/lib/placement/no-host-fits';
import { readingNeeds } from '@/lib/placement/choose-host';
import { keepClaims } from '@/lib/placement/claim-keeper';
import { extractPlacementRules, hasRules, type PlacementRules } from '@/lib/placement/placement-rules';
import { placeAndClaim, readClaims, type ClaimsRead } from '@/lib/placement/place-and-claim';
import { readEngineFor, type EngineReading } from '@/lib/placement/read-inventory';
import type { PlacementRequest } from '@/lib/placement/scheduler';
import { hostOf, type GatewayEngine, type GatewayEngines } from './gateway-engines';

/** A create's body as placement reads it. */
export interface GatewayCreate {
  /** What to forward: the rules moved to classic swarm's labels, or the caller's own bytes when there are none. */
  readonly body: Buffer;
  readonly rules: PlacementRules;
  readonly image: string;
  /** The larger of HostConfig.Memory and MemoryReservation: what the host must have free. */
  readonly memoryBytes: number;
  readonly network: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function labelsOf(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

const bytesOf = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);

/** The create's rules, image, memory and network; a malformed rule is a 422 in the docker CLI's words (Env, Labels). */
export function readGatewayCreate(body: unknown, raw: Buffer): GatewayCreate {
  const record = isRecord(body) ? body : {};
  const extracted = extractPlacementRules(stringsOf(record.Env), labelsOf(record.Labels));
  if (extracted.problems.length > 0) {
    const fields = extracted.problems.map((problem) => ({ ...problem, path: problem.path.replace(/^env\./, 'Env.').replace(/^labels\./, 'Labels.') }));
    throw new ValidationError(fields.map((field) => `${field.path}: ${field.message}`).join('; '), fields);
  }
  const hostConfig = isRecord(record.HostConfig) ? record.HostConfig : {};
  const rules = extracted.rules;
  return {
    body: hasRules(rules) ? Buffer.from(JSON.stringify({ ...record, Env: extracted.env, Labels: extracted.labels })) : raw,
    rules,
    image: typeof record.Image === 'string' ? record.Image : '',
    memoryBytes: Math.max(bytesOf(hostConfig.Memory), bytesOf(hostConfig.MemoryReservation)),
    network: typeof hostConfig.NetworkMode === 'string' && hostConfig.NetworkMode !== '' ? hostConfig.NetworkMode : null,
  };
}

export interface PlacementOptions {
  /** The caller may pull images (images:write): a host without the image may be chosen, and pulls it first. */
  readonly mayPull: boolean;
  /** Hosts already tried for this create, with why they were dropped (a pull that failed). */
  readonly skipped: ReadonlyMap<string, string>;
}

export interface PlacedCreate {
  /** Where the create goes; null: the gateway's one engine, unchecked (no engines known). */
  readonly engine: GatewayEngine | null;
  readonly host: string | null;
  /** The chosen host lacks the image: the gateway pulls it there before creating. */
  readonly pull: boolean;
  /** The memory claimed on the host for this create (memory-claims.ts): bound to the container, or released if the create fails. */
  readonly claim?: string;
}

const UNPLACED: PlacedCreate = { engine: null, host: null, pull: false };

/** The query's `name=`, for the claim's holder (the image when the CLI lets Docker choose one). */
export function createName(url: string, image: string): string {
  const name = new URL(url, 'http://gateway').searchParams.get('name');
  return name !== null && name !== '' ? name : image;
}

/** Where the create goes, with its memory claimed when it asks for some, or a 409 naming each host's reason. */
export async function placeGatewayCreate(engines: GatewayEngines | undefined, create: GatewayCreate, options: PlacementOptions, name = create.image): Promise<PlacedCreate> {
  if (!engines || engines.all.length === 0) return UNPLACED;
  const several = engines.all.length > 1;
  // One engine: nothing to choose, only rules to check; the docker CLI pulls a missing image itself.
  if (!several && !hasRules(create.rules)) return UNPLACED;
  const store = engines.placement.placement?.store ?? null;
  // The gateway frees what it claimed as the console does: engines' destroy events and the reconcile.
  if (several) keepClaims(engines.placement);
  const needs = readingNeeds(create.image, create.network, create.rules);
  // The claims are read while the engines are; unreadable (etcd down): placed on the engines' word alone.
  const claims = readClaims(store).catch((): ClaimsRead => ({ cores: [], memory: [] }));
  const readings = (await Promise.all(engines.all.map((engine): Promise<EngineReading> => readEngineFor(engines.placement, engine.handle, needs)))).filter(
    (reading) => !options.skipped.has(reading.host),
  );
  const request: PlacementRequest = {
    image: create.image,
    cores: 0,
    memoryBytes: create.memoryBytes,
    network: create.network,
    rules: create.rules,
    strategy: engines.placement.placement?.strategy ?? 'spread',
    pullIfMissing: !several || options.mayPull,
  };
  const skipped = [...options.skipped].map(([host, reason]) => `${host}: ${reason}`);
  // Memory is claimed only where the gateway chooses (several engines); one engine's own limits are Docker's business.
  const placed = await placeAndClaim(several && create.memoryBytes > 0 ? store : null, readings, request, name, claims).catch((error: unknown) => {
    if (error instanceof NoHostFitsError) throw new NoHostFitsError([...error.reasons.filter((line) => line !== 'no engine is configured'), ...skipped]);
    throw error;
  });
  if (!several) return UNPLACED;
  const hosts = await Promise.all(engines.all.map((engine) => hostOf(engine).catch(() => null)));
  const engine = engines.all[hosts.indexOf(placed.host)] ?? null;
  const chosen = readings.find((reading) => reading.host === placed.host);
  const pull = chosen?.state === 'up' && !hostHasImage(chosen, create.image);
  return { engine, host: placed.host, pull, ...(placed.claim !== null ? { claim: placed.claim } : {}) };
}
