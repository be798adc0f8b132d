// Who asks an engine for what, and the one gate every request to an engine passes before it is
// sent. The console's policy is plugged in here (setEngineRequestGate): no feature can bypass it,
// because every dockerode call ends in the modem this gate wraps (gated-modem.ts).
import type { Role } from '@/prisma-free-db/schemas/account';

/** A user of the console, or the console's own background work (event streams, discovery, IPAM inventory). */
export type EngineCaller = { readonly username: string; readonly role: Role; readonly grants?: readonly string[] } | { readonly system: string };

/** One HTTP request to an engine, as the engine will receive it. */
export interface EngineRequest {
  /** The engine's URL (SHIPYARD_DOCKER or one of SHIPYARD_ENGINES…). */
  readonly engine: string;
  readonly method: string;
  /** The path with its query string, as sent: '/containers/create?name=web'. */
  readonly path: string;
  /** The parameters the query string was built from (empty when the path has none). */
  readonly query: Readonly<Record<string, unknown>>;
  /** The object that will be sent as JSON; undefined when there is no JSON body. */
  readonly body: unknown;
  /** A connection taken over for a raw stream (exec, attach). */
  readonly hijack: boolean;
  /** A body streamed from a file or stream (image load, build, archive upload) rather than JSON. */
  readonly upload: boolean;
}

/**
 * What a gate may send in place of the request it was shown: the request it checked, e.g. with
 * full ids for the names it resolved (a rename between check and send then changes nothing).
 */
export interface ForwardedEngineRequest {
  /** The path with its version prefix and query string, sent byte for byte: '/v1.41/containers/<id>/start'. */
  readonly path: string;
  /** The JSON body to send (JSON-encoded), or undefined for none. An upload's stream is sent as it is. */
  readonly body: unknown;
}

/**
 * A GET to the same engine that passes no gate (the gate's own look-ups: no recursion), answered
 * with the status and the parsed JSON body. Rejects when the engine cannot be reached.
 */
export type EngineLookup = (path: string) => Promise<{ readonly status: number; readonly body: unknown }>;

/**
 * Allows the request (returns nothing: it is sent as shown), allows it in a checked form (returns
 * what to send in its place), or refuses it (throws an AppError, e.g. code FORBIDDEN).
 */
export type EngineRequestGate = (
  request: EngineRequest,
  caller: EngineCaller,
  lookup: EngineLookup,
) => Promise<ForwardedEngineRequest | undefined> | ForwardedEngineRequest | undefined;

/** The default until a policy is plugged in: every request is allowed. */
export const allowEveryRequest: EngineRequestGate = () => undefined;

// On globalThis: the custom server and Next's bundles load this module separately, and the gate
// must be the same for both.
const holder = globalThis as typeof globalThis & { shipyardEngineRequestGate?: EngineRequestGate };

/** Plugs the policy in, for every engine client of the process (existing ones included). */
export function setEngineRequestGate(gate: EngineRequestGate): void {
  holder.shipyardEngineRequestGate = gate;
}

export function currentEngineRequestGate(): EngineRequestGate {
  return holder.shipyardEngineRequestGate ?? allowEveryRequest;
}

/** The caller a user's action carries: only the name, the role and the account's grants, never the session or database. */
export function userCaller(who: { readonly username: string; readonly role: Role; readonly grants?: readonly string[] }): EngineCaller {
  return { username: who.username, role: who.role, ...(who.grants && who.grants.length > 0 ? { grants: [...who.grants] } : {}) };
}

/** The console's own work, named for the policy and the logs. */
export function systemCaller(work: string): EngineCaller {
  return { system: work };
}
