// Which requests the engine hijacks (answers 101 and then streams both ways on the raw
// connection): container attach (Upgrade: tcp), attach over WebSocket, exec start, and BuildKit's
// /session and /grpc (h2c). Any other request carrying Upgrade must be refused: after a hand-over
// the gateway forwards bytes unchecked. Whether the caller may call the endpoint at all is
// evaluateEngineRequest's answer (for a non-admin /session and /grpc are admin-only).
import { resolveApiVersion } from './api-version';
import { matchRoute } from './match-route';
import { RefusedRequest } from './refusal';
import { decodeRouteSegments, splitQuery } from './request-path';

export function mayUpgrade(method: string, path: string): boolean {
  try {
    const { rest } = resolveApiVersion(splitQuery(path).pathname);
    return matchRoute(method, decodeRouteSegments(rest))?.route.hijacks === true;
  } catch (error) {
    if (error instanceof RefusedRequest) return false;
    throw error;
  }
}
