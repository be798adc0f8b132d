import { evaluateEngineRequest, matchRoute, type PolicyResolver } from '@/lib/policy';
import type { SessionUser } from '@/lib/auth/session-user';
import { GatewayRefusal, uncheckedRefusal } from './refusal';

/** What goes to the engine once the policy allowed a call. */
export interface PolicyForward {
  /** /v<version><route>?<query>, as the policy rebuilt it: a supported version, references as full ids. */
  url: string;
  /** The body to send (a non-admin's: as the policy decoded and checked it), or null to stream the caller's own. */
  body: Buffer | null;
  /**
   * The Content-Type to send in place of the caller's (null: none), for a non-admin's checked body;
   * undefined keeps the caller's. The engine reads a form-encoded body as query parameters.
   */
  contentType?: string | null;
}

/**
 * Whether the gateway must read a non-admin's body before the policy decides: every body but the
 * ones the policy forwards unread (a tar stream to a container's files). An admin's body is
 * forwarded as sent, so it is streamed unless a gateway check reads it.
 */
export function policyReadsBody(user: SessionUser, method: string, route: string): boolean {
  if (user.role === 'admin') return false;
  return matchRoute(method, route.slice(1).split('/'))?.route.body !== 'opaque';
}

const READS = new Set(['GET', 'HEAD']);
const encodeRoute = (route: string) => route.split('/').map(encodeURIComponent).join('/');
const queryOf = (path: string) => (path.includes('?') ? path.slice(path.indexOf('?')) : '');

/**
 * A read that enters no container is forwarded with the caller's own references (version and
 * query still the policy's): it shows nothing the caller's read permission does not, and the
 * engine resolves a name in the scope the caller asked for (`docker service create --network x`
 * inspects x with ?scope=swarm), which the policy's resolver is not told. Reads that enter a
 * container (files, export) keep the policy's ids.
 */
function readsAsAsked(method: string, route: string): boolean {
  return READS.has(method.toUpperCase()) && matchRoute(method, route.slice(1).split('/'))?.route.entersContainer !== true;
}

/**
 * The call through lib/policy's default-deny decision, on the request as the engine will read it
 * (`held`: the body the gateway read, or null when it streams it). Refused: the policy's status
 * and reason, naming the field. The engine unreachable for a lookup: 502, nothing forwarded.
 */
/** What the decision needs of the gateway: the resolver over its engine, and where that engine is (for messages). */
export interface PolicyContext {
  policyResolver: PolicyResolver;
  upstream: { url: string };
}

export async function applyPolicy(context: PolicyContext, user: SessionUser, method: string, url: string, route: string, held: Buffer | null): Promise<PolicyForward> {
  const decision = await evaluateEngineRequest({ method, path: url, body: undefined, ...(held === null ? {} : { rawBody: held }) }, { role: user.role, ...(user.grants ? { grants: user.grants } : {}) }, context.policyResolver).catch(
    (error: unknown) => {
      throw uncheckedRefusal(context.upstream.url, error);
    },
  );
  if (!decision.allow) {
    throw new GatewayRefusal(decision.status, decision.field ? `Shipyard refuses ${decision.field}: ${decision.reason}` : `Shipyard refuses this call: ${decision.reason}`);
  }
  const forwarded = decision.request;
  const forwardUrl = readsAsAsked(method, route) ? `/v${forwarded.version}${encodeRoute(route)}${queryOf(forwarded.path)}` : forwarded.path;
  if (user.role === 'admin') return { url: forwardUrl, body: held };
  const contentType = forwarded.contentType ?? null;
  if (forwarded.rawBody !== undefined) return { url: forwardUrl, body: held, contentType };
  return { url: forwardUrl, body: forwarded.body === undefined ? (held === null ? null : Buffer.alloc(0)) : Buffer.from(JSON.stringify(forwarded.body)), contentType };
}
