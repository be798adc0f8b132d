import type { IncomingHttpHeaders } from 'node:http';
import type { SessionUser } from '@/lib/auth/session-user';
import type { GatewayMatch } from './allow-list';
import { queryValues, type EngineQuery } from './engine-query';

/**
 * The engine's Go handlers read parameters through r.Form, which also takes them from a
 * form-encoded body (and prefers those): such a body would carry parameters the query check never
 * saw. The docker CLI never sends one.
 */
const FORM_BODY = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** Why a non-admin may not send this query (or form body), or null when they may. Admins may. */
export function refuseQuery(user: SessionUser, method: string, match: GatewayMatch, query: EngineQuery, headers: IncomingHttpHeaders): string | null {
  if (user.role === 'admin') return null;
  if (FORM_BODY.test(headers['content-type'] ?? '')) {
    return 'A form-encoded body is read by the engine as query parameters, unchecked: send parameters in the query string';
  }
  const pattern = `${method.toUpperCase()} ${match.rule.pattern}`;
  if (pattern === 'POST /images/create') {
    const sources = queryValues(query, 'fromSrc').filter((source) => source !== '-');
    if (sources.length > 0) {
      return `Only an admin may import an image from a URL (fromSrc=${sources[0]}): the engine would fetch any address it is given. Import from the request body (fromSrc=-) instead`;
    }
  }
  return null;
}

/** The service update is a rollback: the engine applies the stored previous spec, not the body. */
export function isRollback(match: GatewayMatch, method: string, query: EngineQuery): boolean {
  return method.toUpperCase() === 'POST' && match.rule.pattern === '/services/{id}/update' && queryValues(query, 'rollback').some((value) => value !== '');
}
