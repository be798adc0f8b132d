import type { IncomingHttpHeaders } from 'node:http';
import { readPresentedToken } from '@/lib/auth/api-token';
import { PasswordChangeRequiredError } from '@/lib/auth/auth-errors';
import { TokenRejectedError } from '@/lib/auth/authenticate-token';
import { TooManyTokenFailuresError } from '@/lib/auth/token-rate-limit';
import { authenticateApiTokenCached } from '@/lib/auth/token-cache';
import type { SessionUser } from '@/lib/auth/session-user';
import { hostEscapingSettings } from '@/lib/policy/host-escaping';
import { mayUpgrade } from '@/lib/policy';
import { matchGatewayRoute, type GatewayMatch } from './allow-list';
import { parseApiPath, type ApiPath } from './api-path';
import { refuseCall } from './authorize-call';
import { withFoldedModes } from './body-escapes';
import type { CallRecord } from './call-audit';
import { routeOfCall, type CallRoute } from './call-route';
import { onEngine, type GatewayEngine } from './gateway-engines';
import type { GatewayContext } from './gateway-context';
import { engineForCall } from './route-engine';
import { GatewayRefusal, uncheckedRefusal } from './refusal';

export interface AdmittedCall {
  user: SessionUser;
  match: GatewayMatch;
  path: ApiPath;
  /** What kind of call it is for routing (a create, the list, a container's or an exec's call). */
  route: CallRoute;
  /** The engine that holds the container or exec it names; null: the manager (the context's own). */
  target: GatewayEngine | null;
}

export const NO_TOKEN_MESSAGE =
  'Shipyard needs an API token: put {"HttpHeaders": {"X-Access-Token": "<user>:<token>"}} in the docker CLI\'s config.json ' +
  '(create the token on the console\'s API tokens page)';

/**
 * The two headers a token may come in, read as Headers.get would (repeated values joined with
 * ", "), without building a whole Headers object per call (a measurable part of a call's CPU).
 */
function tokenHeadersOf(incoming: IncomingHttpHeaders): Pick<Headers, 'get'> {
  return {
    get(name: string): string | null {
      const value = incoming[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * The caller, by API token, behind the limit on failures per address (the console's own). A call
 * without any token counts as a failure too: each is a 401 the audit log would keep; over the
 * limit it is a 429, while a valid token still gets in.
 */
async function authenticate(context: GatewayContext, incoming: IncomingHttpHeaders, address: string): Promise<SessionUser> {
  const presented = readPresentedToken(tokenHeadersOf(incoming));
  try {
    await context.databaseReady();
    if (presented === null) {
      await context.tokenGate.assertAllowed(address);
      await context.tokenGate.recordFailure(address);
      throw new GatewayRefusal(401, NO_TOKEN_MESSAGE);
    }
    // Over the limit a valid token still works: the limit stops guessing, not the address. A token
    // let in moments ago is not read again (lib/auth/token-cache.ts: revocation is seen at once).
    return await authenticateApiTokenCached(context.tokenCache, context.database, context.tokenGate, presented, address);
  } catch (error) {
    if (error instanceof GatewayRefusal) throw error;
    if (error instanceof TooManyTokenFailuresError) throw new GatewayRefusal(429, error.message, error.retryAfterSeconds);
    if (error instanceof TokenRejectedError) throw new GatewayRefusal(401, error.message);
    // Without a token there is nothing to check: the caller hears what to send, database or not.
    if (presented === null) throw new GatewayRefusal(401, NO_TOKEN_MESSAGE);
    console.error('docker gateway: cannot check a token', error instanceof Error ? error.message : error);
    throw new GatewayRefusal(503, "Shipyard cannot check the API token: the console's database does not answer; try again shortly");
  }
}

function checkFailed(context: GatewayContext, error: unknown): GatewayRefusal {
  return uncheckedRefusal(context.upstream.url, error);
}

/**
 * A non-admin may not exec into, attach to or copy files of a container that has the host. The
 * policy checks (and pins by id) the same; this says it in the words the docker CLI user knows.
 */
async function assertMayEnter(context: GatewayContext, user: SessionUser, reference: string): Promise<void> {
  const container = await context.lookups.container(reference).catch((error: unknown) => Promise.reject(checkFailed(context, error)));
  if (!container) return; // no such container: the policy answers 404
  const escapes = hostEscapingSettings(withFoldedModes(container.hostConfig));
  if (escapes.length > 0) {
    throw new GatewayRefusal(403, `The container ${reference} runs with ${escapes.join(', ')}: only an admin may exec into it, attach to it or copy its files. Your account has the ${user.role} role`);
  }
}

/** The same for an exec (start, resize): its container, and the exec itself (an admin's privileged exec). */
async function assertMayEnterExec(context: GatewayContext, user: SessionUser, reference: string): Promise<void> {
  const exec = await context.lookups.exec(reference).catch((error: unknown) => Promise.reject(checkFailed(context, error)));
  if (!exec) return;
  if (exec.privileged) throw new GatewayRefusal(403, `The exec ${reference} was made privileged: only an admin may start it`);
  await assertMayEnter(context, user, exec.containerId);
}

/**
 * Whether a call may go on to the policy (apply-policy.ts): a clean path, a valid token (401
 * otherwise), a call on the allow-list that the caller's role, grants and token scope allow, an
 * upgrade only where the engine hijacks (400), and for a non-admin no container or exec that has
 * the host (403), checked on the engine the call goes to (route-engine.ts). Fills in `record` as it learns who and
 * what, so a refusal is audited with as much as is known.
 */
export async function admitCall(context: GatewayContext, method: string, url: string, incoming: IncomingHttpHeaders, record: CallRecord): Promise<AdmittedCall> {
  const path = parseApiPath(url);
  if (!path) throw new GatewayRefusal(400, 'The request path is not clean (encoded slashes, dot segments or empty segments): send it as the docker CLI does');
  const user = await authenticate(context, incoming, record.address);
  record.actor = user.username;
  if (user.mustChangePassword) throw new GatewayRefusal(403, new PasswordChangeRequiredError().message);
  const match = matchGatewayRoute(method, path.route);
  if (!match) throw new GatewayRefusal(403, `Shipyard's Docker gateway does not allow ${method} ${path.route}: it forwards only the calls on its allow-list (see the README)`);
  record.requires = match.rule.requires;
  const query = new URLSearchParams(url.split('?').slice(1).join('?'));
  record.target = match.params.id ?? match.params.name ?? query.get('name') ?? query.get('container') ?? null;
  // After a hand-over the gateway relays bytes unparsed: only where the engine hijacks (and so never reads another request).
  if (incoming.upgrade !== undefined && !mayUpgrade(method, path.route)) {
    throw new GatewayRefusal(400, `${method} ${path.route} takes no connection upgrade: only attach and exec start do, where the engine hijacks the connection`);
  }
  const refusal = refuseCall(user, match.rule, method);
  if (refusal) throw new GatewayRefusal(403, refusal);
  const route = routeOfCall(match.rule, match.params, query);
  const target = await engineForCall(context, route).catch((error: unknown) => Promise.reject(checkFailed(context, error)));
  if (user.role !== 'admin') {
    const routed = onEngine(context, target);
    const entered = match.rule.pattern === '/commit' ? query.get('container') : match.params.id;
    if (match.rule.entersContainer && entered) await assertMayEnter(routed, user, entered);
    if (match.rule.entersExec && match.params.id) await assertMayEnterExec(routed, user, match.params.id);
  }
  return { user, match, path, route, target };
}
