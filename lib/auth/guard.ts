import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { errorResponse } from '@/lib/api/error-response';
import { renderError } from '@/lib/errors/render-error';
import { awaitRouteParams, checkedRouteParams } from '@/lib/api/route-params';
import type { Role } from '@/prisma-free-db/schemas/account';
import { readPresentedToken } from './api-token';
import { CrossSiteRequestError, ForbiddenError, ReadOnlyTokenError, UnauthorizedError } from './auth-errors';
import { getCurrentUser, getRequestUser } from './current-user';
import { assertPasswordChangedFor, restCallOf } from './password-change-gate';
import { granteeGrants, type Permission } from './permissions';
import { roleAllows } from './roles';
import { isSameOrigin } from './same-origin';
import type { SessionUser } from './session-user';

export { ForbiddenError, UnauthorizedError };

/** What a guarded handler requires: a minimum role, or one permission on one area. */
export type Requirement = { role: Role } | { permission: Permission };

function allows(user: SessionUser, requirement: Requirement): boolean {
  return 'role' in requirement ? roleAllows(user.role, requirement.role) : granteeGrants(user, requirement.permission);
}

function required(requirement: Requirement): Role | Permission {
  return 'role' in requirement ? requirement.role : requirement.permission;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the method changes state (everything but GET, HEAD and OPTIONS). */
export function isMutation(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** A browser sends Origin on every cross-site POST; refuse state changes that come from elsewhere. */
function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (!isSameOrigin(request.headers)) throw new CrossSiteRequestError();
}

/** The signed-in user meeting `requirement` (a Role is shorthand for { role }), or an UnauthorizedError / ForbiddenError. */
export async function requireUser(requirement: Role | Requirement): Promise<SessionUser> {
  const wanted = typeof requirement === 'string' ? { role: requirement } : requirement;
  const user = await getCurrentUser();
  if (!user) throw new UnauthorizedError();
  if (!allows(user, wanted)) throw new ForbiddenError(required(wanted), user.role);
  return user;
}

export interface GuardedRequest<Params> {
  request: Request;
  user: SessionUser;
  params: Params;
}

/**
 * The caller of an API request meeting `requirement`, by API token or session cookie. The
 * Origin check guards cookie sessions only: a token is sent by a script, never by a browser
 * on its own, so a cross-site page cannot make use of it. A read-only token may not mutate.
 */
export async function requireRequestUser(request: Request, requirement: Requirement): Promise<SessionUser> {
  if (readPresentedToken(request.headers) === null) assertSameOrigin(request);
  const user = await getRequestUser(request);
  if (!user) throw new UnauthorizedError();
  assertPasswordChangedFor(user, restCallOf(request));
  if (user.credential?.kind === 'token' && user.credential.readOnly && isMutation(request.method)) throw new ReadOnlyTokenError();
  if (!allows(user, requirement)) throw new ForbiddenError(required(requirement), user.role);
  return user;
}

/**
 * Wraps every API route handler: no session or token is a 401, a weaker role a 403, a
 * cross-site mutation with a cookie a 403, a mutation with a read-only token a 403, anything but
 * the password change while the account must change its password a 403, a path parameter that
 * is not a clean id or name a 400 (lib/api/route-params.ts), and any error a JSON answer with a
 * stable code.
 */
export function withSession<Params extends Record<string, string | string[]> = Record<string, never>>(
  handler: (guarded: GuardedRequest<Params>) => Promise<Response>,
  requirement: Requirement,
): (request: Request, context: { params: Promise<Params> }) => Promise<Response> {
  return async (request, context) => {
    try {
      // Read before the caller is checked, so a path Next cannot decode is no unhandled rejection.
      const rawParams = awaitRouteParams(context.params);
      rawParams.catch(() => undefined);
      const user = await requireRequestUser(request, requirement);
      const params = checkedRouteParams(await rawParams, new URL(request.url).pathname);
      return await handler({ request, user, params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** For pages: a visitor without a session goes to /login; a weaker role sees the 403 page. */
export async function requirePageUser(requirement: Role | Requirement, returnTo = '/', options: { beforePasswordChange?: boolean } = {}): Promise<SessionUser> {
  const wanted = typeof requirement === 'string' ? { role: requirement } : requirement;
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  // As on the API: an initial or reset password must be changed before anything else is shown.
  if (user.mustChangePassword && !options.beforePasswordChange) redirect('/account/password');
  if (!allows(user, wanted)) forbidden();
  return user;
}

export type ActionResult<Data = undefined> = { ok: true; data: Data } | { ok: false; error: string; fields?: Record<string, string> };

/** For server actions: the same checks as withSession, answered as a form state. */
export function withSessionAction<Args extends unknown[], Data>(
  requirement: Role | Requirement,
  action: (user: SessionUser, ...args: Args) => Promise<Data>,
): (...args: Args) => Promise<ActionResult<Data>> {
  return async (...args) => {
    try {
      const user = await requireUser(requirement);
      return { ok: true, data: await action(user, ...args) };
    } catch (error) {
      const { error: rendered } = renderError(error, { where: 'a server action' }).body;
      const fields: Record<string, string> = {};
      for (const field of rendered.fields ?? []) fields[field.path] ??= field.message; // the first, most specific
      return { ok: false, error: rendered.message, ...(rendered.fields ? { fields } : {}) };
    }
  };
}
