import type { IncomingHttpHeaders } from 'node:http';
import { readPresentedToken } from '@/lib/auth/api-token';
import { authenticateApiToken, TokenRejectedError } from '@/lib/auth/authenticate-token';
import { TooManyTokenFailuresError } from '@/lib/auth/token-rate-limit';
import type { SessionUser } from '@/lib/auth/session-user';
import { hostEscapingSettings } from '@/lib/containers/host-escaping';
import { matchGatewayRoute, type GatewayMatch } from './allow-list';
import { parseApiPath, type ApiPath } from './api-path';
import { assertSupportedVersion, PINNED_API_VERSION } from './api-version';
import { refuseCall } from './authorize-call';
import { withFoldedModes } from './body-escapes';
import type { CallRecord } from './call-audit';
import { formatEngineQuery, parseEngineQuery, queryValues, type EngineQuery } from './engine-query';
import type { GatewayContext } from './gateway-context';
import { assertRollbackAllowed } from './inspect-body';
import { isRollback, refuseQuery } from './query-policy';
import { GatewayRefusal } from './refusal';

export interface AdmittedCall {
  user: SessionUser;
  match: GatewayMatch;
  path: ApiPath;
  /** What the engine gets: /v1.41/…, references pinned to full ids, the query as checked. */
  forwardUrl: string;
}

export const NO_TOKEN_MESSAGE =
  'Shipyard needs an API token: put {"HttpHeaders": {"X-Access-Token": "<user>:<token>"}} in the docker CLI\'s config.json ' +
  '(create the token on the console\'s API tokens page)';

export function headersOf(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    for (const each of Array.isArray(value) ? value : [value]) headers.append(name, each);
  }
  return headers;
}

/**
 * The caller, by API token, behind the limit on failures per address (the console's own). A call
 * without any token counts as a failure too: each is a 401 the audit log would keep.
 */
async function authenticate(context: GatewayContext, incoming: IncomingHttpHeaders, address: string): Promise<SessionUser> {
  const presented = readPresentedToken(headersOf(incoming));
  try {
    await context.databaseReady();
    await context.tokenGate.assertAllowed(address);
    if (presented === null) {
      await context.tokenGate.recordFailure(address);
      throw new GatewayRefusal(401, NO_TOKEN_MESSAGE);
    }
    try {
      return await authenticateApiToken(context.database, presented, address);
    } catch (error) {
      if (error instanceof TokenRejectedError) await context.tokenGate.recordFailure(address);
      throw error;
    }
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

/** The engine's words for an unknown object, so the docker CLI reads it as it would the engine's. */
const noSuch = (kind: string, reference: string) => new GatewayRefusal(404, `No such ${kind}: ${reference}`);

function checkFailed(context: GatewayContext, error: unknown): GatewayRefusal {
  if (error instanceof GatewayRefusal) return error;
  return new GatewayRefusal(502, `Shipyard could not check the call with the engine at ${context.upstream.url}: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * A non-admin may not exec into, attach to or copy files of a container that has the host. The
 * reference (a name, a short or a full id) is resolved once: the answer is the full id to forward,
 * so renaming containers after the check cannot point the call at another one.
 */
async function pinEnterableContainer(context: GatewayContext, user: SessionUser, reference: string): Promise<string> {
  const container = await context.resolver.container(reference).catch((error: unknown) => Promise.reject(checkFailed(context, error)));
  if (!container) throw noSuch('container', reference);
  const escapes = hostEscapingSettings(withFoldedModes(container.hostConfig));
  if (escapes.length > 0) {
    throw new GatewayRefusal(403, `The container ${reference} runs with ${escapes.join(', ')}: only an admin may exec into it, attach to it or copy its files. Your account has the ${user.role} role`);
  }
  return container.id;
}

/** The same for an exec (start, resize): its container, looked up by the exec, and the exec itself. */
async function pinEnterableExec(context: GatewayContext, user: SessionUser, reference: string): Promise<string> {
  const exec = await context.resolver.exec(reference).catch((error: unknown) => Promise.reject(checkFailed(context, error)));
  if (!exec) throw noSuch('exec instance', reference);
  if (exec.privileged) throw new GatewayRefusal(403, `The exec ${reference} was made privileged: only an admin may start it`);
  await pinEnterableContainer(context, user, exec.containerId);
  return exec.id;
}

/** The path the engine gets: the pinned API version, the route with its (pinned) parameters, the checked query re-encoded. */
function engineUrl(pattern: string, params: Record<string, string>, query: EngineQuery): string {
  const route = pattern
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\*?\}$/.exec(segment)?.[1];
      return param === undefined ? segment : (params[param] ?? '').split('/').map(encodeURIComponent).join('/');
    })
    .join('/');
  return `/v${PINNED_API_VERSION}${route}${formatEngineQuery(query)}`;
}

/**
 * Whether a call may go to the engine: a clean path with a supported API version, a valid token
 * (401 otherwise), a call on the allow-list that the caller's role, grants and token scope allow,
 * with a query they may send, an upgrade only where the engine hijacks (403/400 otherwise), and
 * for non-admins the container or exec it enters checked and pinned by id. Fills in `record` as
 * it learns who and what, so a refusal is audited with as much as is known.
 */
export async function admitCall(context: GatewayContext, method: string, url: string, incoming: IncomingHttpHeaders, record: CallRecord): Promise<AdmittedCall> {
  const path = parseApiPath(url);
  if (!path) throw new GatewayRefusal(400, 'The request path is not clean (encoded slashes, dot segments or empty segments): send it as the docker CLI does');
  const user = await authenticate(context, incoming, record.address);
  record.actor = user.username;
  assertSupportedVersion(path.version);
  const match = matchGatewayRoute(method, path.route);
  if (!match) throw new GatewayRefusal(403, `Shipyard's Docker gateway does not allow ${method} ${path.route}: it forwards only the calls on its allow-list (see the README)`);
  record.requires = match.rule.requires;
  let query = parseEngineQuery(url);
  record.target = match.params.id ?? match.params.name ?? queryValues(query, 'name')[0] ?? queryValues(query, 'container')[0] ?? null;
  if (incoming.upgrade !== undefined && !match.rule.hijacks) {
    throw new GatewayRefusal(400, `${method} ${path.route} takes no connection upgrade: only attach and exec start do, where the engine hijacks the connection`);
  }
  const refusal = refuseCall(user, match.rule, method) ?? refuseQuery(user, method, match, query, incoming);
  if (refusal) throw new GatewayRefusal(403, refusal);
  const params = { ...match.params };
  if (user.role !== 'admin') {
    if (match.rule.entersContainer && match.rule.pattern === '/commit') {
      const pinned: [string, string][] = [];
      for (const [key, value] of query) pinned.push([key, key === 'container' ? await pinEnterableContainer(context, user, value) : value]);
      query = pinned;
    } else if (match.rule.entersContainer && params.id !== undefined) params.id = await pinEnterableContainer(context, user, params.id);
    if (match.rule.entersExec && params.id !== undefined) params.id = await pinEnterableExec(context, user, params.id);
  }
  if (params.id !== undefined && isRollback(match, method, query)) params.id = await assertRollbackAllowed(context, user, params.id, queryValues(query, 'version')[0]);
  return { user, match, path, forwardUrl: engineUrl(match.rule.pattern, params, query) };
}
