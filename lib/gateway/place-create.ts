// Classic swarm's placement rules in a docker CLI create (`docker run -e constraint:node==h2`,
// `-e affinity:container==web`, `-l com.docker.swarm.constraints=[…]`) at the gateway. The
// gateway forwards to one engine, so it places there only: a rule that engine does not meet is a
// 409 that says so (and where to create to be placed across hosts), a malformed rule a 422 naming
// the field; a rule met goes on as classic swarm's labels. Without rules the body is untouched.
import type { ContainerContext } from '@/lib/engines/context';
import type { EngineHandle } from '@/lib/engines/engines';
import { ValidationError } from '@/lib/errors/app-error';
import { listCoreClaims } from '@/lib/placement/core-claims';
import { NoHostFitsError } from '@/lib/placement/no-host-fits';
import { extractPlacementRules, hasRules } from '@/lib/placement/placement-rules';
import { readEngine, withClaims } from '@/lib/placement/read-inventory';
import { placeContainer } from '@/lib/placement/scheduler';

/** The gateway's own engine as the placement step reads it. */
export interface GatewayPlacement {
  readonly context: ContainerContext;
  readonly handle: EngineHandle;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function labelsOf(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export const GATEWAY_PLACES_ON_ITS_ENGINE =
  "the Docker gateway creates on its own engine only: create the container from the console or POST /api/v1/containers (no host) to have it placed across the cluster's hosts";

/** The body to forward (the rules moved to labels), or a refusal; `raw` when there is nothing to place. */
export async function placeGatewayCreate(placement: GatewayPlacement | undefined, body: unknown, raw: Buffer): Promise<Buffer> {
  if (!isRecord(body)) return raw;
  const extracted = extractPlacementRules(stringsOf(body.Env), labelsOf(body.Labels));
  if (extracted.problems.length > 0) {
    // The docker CLI's words: Env and Labels, as the engine's API calls them.
    const fields = extracted.problems.map((problem) => ({ ...problem, path: problem.path.replace(/^env\./, 'Env.').replace(/^labels\./, 'Labels.') }));
    throw new ValidationError(fields.map((field) => `${field.path}: ${field.message}`).join('; '), fields);
  }
  if (!hasRules(extracted.rules) || !placement) return raw;
  const hostConfig = isRecord(body.HostConfig) ? body.HostConfig : {};
  const store = placement.context.placement?.store;
  const [reading, claims] = await Promise.all([readEngine(placement.context, placement.handle), store ? listCoreClaims(store).catch(() => []) : Promise.resolve([])]);
  const decision = placeContainer(withClaims([reading], claims), {
    image: typeof body.Image === 'string' ? body.Image : '',
    cores: 0,
    memoryBytes: typeof hostConfig.Memory === 'number' ? hostConfig.Memory : 0,
    network: typeof hostConfig.NetworkMode === 'string' && hostConfig.NetworkMode !== '' ? hostConfig.NetworkMode : null,
    rules: extracted.rules,
    strategy: 'spread',
    // The docker CLI pulls a missing image itself and creates again.
    pullIfMissing: true,
  });
  if (decision.kind === 'refused') throw new NoHostFitsError([...decision.reasons, GATEWAY_PLACES_ON_ITS_ENGINE]);
  return Buffer.from(JSON.stringify({ ...body, Env: extracted.env, Labels: extracted.labels }));
}
