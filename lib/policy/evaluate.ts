// The one decision for a request to an engine: resolve the version, route it as the engine
// would, and for a non-admin check the route, the query, the body (decoded as the engine decodes
// it) and every reference (resolved once, forwarded as the id). Default deny: a route, a query
// parameter or a field not listed is refused.
import { resolveApiVersion } from './api-version';
import { checkQuery } from './check-query';
import { decodeBody } from './decode-body';
import type { DecodeContext } from './field-rules';
import { readJsonBody } from './go-json';
import { matchRoute, type RouteMatch } from './match-route';
import { granteeGrants, type Permission } from '@/lib/auth/permissions';
import { assertContainerContained, isHostNetwork, mustResolve } from './references';
import { RefusedRequest, refuse } from './refusal';
import { decodeRouteSegments, encodeQuery, encodeRoute, parseQuery, splitQuery } from './request-path';
import type { PolicyResolver, ReferenceKind } from './resolver';
import type { PathParameter } from './routes';
import type { Caller, EngineRequest, PolicyDecision, RewrittenRequest } from './types';

const RESOLVED_IN_PATH: readonly ReferenceKind[] = ['container', 'exec', 'network', 'volume', 'service', 'node'];
const resolvedInPath = (kind: PathParameter): kind is ReferenceKind => (RESOLVED_IN_PATH as readonly string[]).includes(kind);

/** Resolves the path's references, checks the container a call reaches into, and returns the segments with ids. */
async function resolvePath(match: RouteMatch, resolver: PolicyResolver, checkContainer: boolean): Promise<string[]> {
  const connects = match.route.body === 'network-connect';
  const segments = [...match.segments];
  for (const { kind, start } of match.parameters) {
    if (!resolvedInPath(kind)) continue;
    const ref = segments[start] ?? '';
    const field = `path.${kind}`;
    if (kind === 'exec') {
      const exec = await mustResolve(resolver, 'exec', ref, field);
      if (checkContainer && exec.privileged) refuse(403, 'only an admin may start a privileged exec', field);
      if (checkContainer) await assertContainerContained(await mustResolve(resolver, 'container', exec.containerId, field), resolver, field);
      segments[start] = exec.id;
    } else if (kind === 'container') {
      const container = await mustResolve(resolver, 'container', ref, field);
      if (checkContainer) await assertContainerContained(container, resolver, field);
      segments[start] = container.id;
    } else if (kind === 'network') {
      const network = await mustResolve(resolver, 'network', ref, field);
      if (connects && isHostNetwork(network)) refuse(403, "only an admin may connect a container to the host's network", field);
      segments[start] = network.id;
    } else {
      segments[start] = (await mustResolve(resolver, kind, ref, field)).id;
    }
  }
  return segments;
}

async function evaluate(request: EngineRequest, caller: Caller, resolver: PolicyResolver): Promise<RewrittenRequest> {
  const { pathname, query } = splitQuery(request.path);
  const { version, rest } = resolveApiVersion(pathname);
  const method = request.method.toUpperCase();
  const match = matchRoute(method, decodeRouteSegments(rest));
  if (!match) return refuse(404, `${method} ${rest} is not an engine endpoint Shipyard forwards (API 1.24 to 1.41)`, 'path');
  const { route } = match;

  if (caller.role === 'admin') {
    const adminRoute = encodeRoute(match.segments);
    const rawQuery = query === '' ? '' : `?${query}`;
    return { method, path: `/v${version}${adminRoute}${rawQuery}`, version, route: adminRoute, body: request.body, ...(request.rawBody === undefined ? {} : { rawBody: request.rawBody }) };
  }
  if (route.access === 'admin-only') refuse(403, `only an admin may call ${method} ${route.pattern}: ${route.reason ?? 'admin-only'}`, 'path');
  const holds = (permission: Permission): boolean => granteeGrants(caller, permission);
  if (route.access === 'granted' && !(route.grant && holds(route.grant))) {
    refuse(403, `only an admin, or an account an admin granted ${route.grant ?? 'admin-only'}, may call ${method} ${route.pattern}: ${route.reason ?? 'granted'}`, 'path');
  }

  const context: DecodeContext = { references: [], holds };
  const forwardedQuery = checkQuery(route, parseQuery(query), context.references);
  const body = route.body === 'opaque' ? undefined : decodeBody(route.body, readJsonBody(request), context);
  const segments = await resolvePath(match, resolver, route.entersContainer === true);
  for (const reference of context.references) await reference(resolver);

  const rewrittenRoute = encodeRoute(segments);
  return {
    method,
    path: `/v${version}${rewrittenRoute}${encodeQuery(forwardedQuery)}`,
    version,
    route: rewrittenRoute,
    body,
    ...(route.body === 'opaque' && request.rawBody !== undefined ? { rawBody: request.rawBody } : {}),
    ...(body !== undefined ? { contentType: 'application/json' as const } : route.body === 'opaque' ? { contentType: 'application/x-tar' as const } : {}),
  };
}

/**
 * Decides on one engine request for a caller. Allowed: the request to forward in its place (pinned
 * version, ids for names, the body as checked). Refused: the status (400 unreadable, 403 not for
 * this caller, 404 no such endpoint or object), the field and the reason. A resolver that throws
 * (engine away) rejects the promise: the caller answers 502 and forwards nothing.
 */
export async function evaluateEngineRequest(request: EngineRequest, caller: Caller, resolver: PolicyResolver): Promise<PolicyDecision> {
  try {
    return { allow: true, request: await evaluate(request, caller, resolver) };
  } catch (error) {
    if (error instanceof RefusedRequest) return error.toDecision();
    throw error;
  }
}
