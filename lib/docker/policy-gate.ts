// The console's engine request gate (installed once, lib/server/services.ts): every request a
// user's action makes to an engine — REST routes, the exec WebSocket, server actions — is decided
// by lib/policy's default-deny policy on the request as dockerode builds it, and a non-admin's is
// sent as the policy checked it (pinned version, full ids for names, the body as decoded).
import { createEngineResolver, evaluateEngineRequest, matchRoute, type PolicyResolver } from '@/lib/policy';
import { AppError } from '@/lib/errors/app-error';
import { engineAt, hideSocketPaths } from './engine-address';
import type { EngineCaller, EngineLookup, EngineRequest, EngineRequestGate, ForwardedEngineRequest } from './engine-request';
import { PolicyRefusedError } from './policy-refusal';

/**
 * The policy's resolver over the engine the request goes to, through the raw modem (no gate, no
 * recursion), made for each request: nothing is cached across requests (a rename in between must
 * be seen). An existing container's CgroupnsMode "host" (cgroup v1's default) is weighed by the
 * policy itself (container-escapes.ts), so the engine's answers are passed on as they are.
 */
export function consoleResolver(lookup: EngineLookup): PolicyResolver {
  return createEngineResolver(lookup);
}

const READS = new Set(['GET', 'HEAD']);

/**
 * A read that enters no container is sent as dockerode built it, once allowed: it shows nothing the
 * caller's read permission does not, and the engine resolves a name in the scope asked for
 * (GET /networks/x?scope=swarm must not become a local network's id).
 */
function sentAsBuilt(request: EngineRequest): boolean {
  if (!READS.has(request.method.toUpperCase())) return false;
  const route = request.path.split('?')[0]?.replace(/^\/v\d+\.\d+/, '') ?? '';
  return matchRoute(request.method.toUpperCase(), route.slice(1).split('/'))?.route.entersContainer !== true;
}

/** The JSON text dockerode sends for `body` (undefined fields dropped): what the policy reads. */
const wireText = (body: unknown): string | undefined => (body === undefined ? undefined : JSON.stringify(body));

/**
 * Allows the console's own work (system callers) as it is; an admin's request once its version
 * and endpoint exist; a non-admin's when the policy allows it, forwarded as checked. A refusal is
 * a PolicyRefusedError naming the field; an engine that cannot be asked about a reference, a
 * DOCKER_UNAVAILABLE error (nothing is sent).
 */
export const policyGate: EngineRequestGate = async (request: EngineRequest, caller: EngineCaller, lookup: EngineLookup): Promise<ForwardedEngineRequest | undefined> => {
  if ('system' in caller) return undefined;
  const rawBody = request.upload ? undefined : wireText(request.body);
  const decision = await evaluateEngineRequest(
    { method: request.method, path: request.path, body: request.upload ? undefined : request.body, ...(rawBody === undefined ? {} : { rawBody }) },
    { role: caller.role, ...(caller.grants ? { grants: caller.grants } : {}) },
    consoleResolver(lookup),
  ).catch((error: unknown) => {
    throw new AppError('DOCKER_UNAVAILABLE', `Shipyard could not check this request with the Docker engine${engineAt(request.engine)}: ${hideSocketPaths(error instanceof Error ? error.message : String(error))}`, { cause: error });
  });
  const asBuilt = sentAsBuilt(request);
  // A read of something that is not there gets the engine's own 404 (callers read "none" from it).
  if (!decision.allow && decision.status === 404 && asBuilt && decision.field !== 'path') return undefined;
  if (!decision.allow) throw new PolicyRefusedError(decision.status, decision.reason, decision.field);
  if (caller.role === 'admin' || asBuilt) return undefined;
  return { path: decision.request.path, body: decision.request.body };
};
