import { PasswordChangeRequiredError } from './auth-errors';
import type { SessionUser } from './session-user';

/**
 * What an account that must change its password may still call: the change itself and who it is
 * (so a page can say why everything else is refused). Signing out is next-auth's own route.
 */
export const ALLOWED_BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set(['GET /api/v1/me', 'HEAD /api/v1/me', 'POST /api/v1/account/password']);

/**
 * Throws a 403 that says to change the password first, when `user` must and the call is not one
 * of the few allowed; `call` is "METHOD /path" (null: a call outside the REST API, never allowed).
 */
export function assertPasswordChangedFor(user: SessionUser, call: string | null): void {
  if (!user.mustChangePassword) return;
  if (call !== null && ALLOWED_BEFORE_PASSWORD_CHANGE.has(call)) return;
  throw new PasswordChangeRequiredError();
}

/** "METHOD /path" of a REST request, as ALLOWED_BEFORE_PASSWORD_CHANGE lists them (no trailing slash). */
export function restCallOf(request: Request): string {
  const pathname = new URL(request.url).pathname.replace(/\/+$/, '') || '/';
  return `${request.method.toUpperCase()} ${pathname}`;
}
