import type { IncomingHttpHeaders } from 'node:http';
import type { SessionUser } from '@/lib/auth/session-user';

/**
 * The engine's Go handlers read parameters through r.Form, which also takes them from a
 * form-encoded body, and prefers those: such a body would carry parameters (fromSrc=<url>,
 * rollback=previous) that the policy's query check never saw. The docker CLI never sends one.
 */
const FORM_BODY = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** Why a non-admin may not send this body, or null. */
export function refuseFormBody(user: SessionUser, headers: IncomingHttpHeaders): string | null {
  if (user.role === 'admin' || !FORM_BODY.test(headers['content-type'] ?? '')) return null;
  return 'A form-encoded body is read by the engine as query parameters, unchecked: send parameters in the query string';
}
