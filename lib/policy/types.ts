import type { Role } from '@/prisma-free-db/schemas/account';

/** One Docker Engine API request, raw, as a client sent it (gateway) or dockerode would (console). */
export interface EngineRequest {
  readonly method: string;
  /** As sent: an optional /vX.Y prefix, the route, an optional query string. */
  readonly path: string;
  /** The body parsed as JSON, or undefined for none. */
  readonly body: unknown;
  /** The body's bytes as sent; when present it is what the policy reads (repeated keys are only visible here). */
  readonly rawBody?: Buffer | string;
}

/** Who asks. Area permissions (containers:write…) are checked before this policy (lib/gateway/allow-list.ts). */
export interface Caller {
  readonly role: Role;
  /** The account's extra per-area grants (lib/auth/permissions.ts): secrets:write opens secrets and configs. */
  readonly grants?: readonly string[];
}

/** The request to forward in place of the one received: what was checked, with ids for names. */
export interface RewrittenRequest {
  readonly method: string;
  /** /v<pinned version><route>[?query], every path reference replaced by its full id. */
  readonly path: string;
  /** The pinned API version, e.g. "1.41". */
  readonly version: string;
  /** The route without version or query, references replaced: /containers/<id>/start. */
  readonly route: string;
  /**
   * The JSON body to send (JSON.stringify it), or undefined for none. For a non-admin it is the
   * body as the engine would decode it (canonical keys, legacy fields merged, references as ids);
   * for an admin the body as received.
   */
  readonly body: unknown;
  /** For an admin, or for a route whose body is not JSON (archive upload): the bytes to forward as received. */
  readonly rawBody?: Buffer | string;
  /**
   * For a non-admin, the Content-Type to send in place of the client's (none: send no body and
   * no Content-Type). The engine reads a form-encoded body as query parameters, ahead of the
   * query string: a client's Content-Type must never reach it with a checked body.
   */
  readonly contentType?: 'application/json' | 'application/x-tar';
}

/** Why a request is refused: 400 unreadable, 403 not allowed for the caller, 404 a reference that does not exist. */
export type RefusalStatus = 400 | 403 | 404;

export interface PolicyRefusal {
  readonly allow: false;
  readonly status: RefusalStatus;
  /** The field, query parameter or path part refused, e.g. HostConfig.Privileged or query.fromSrc. */
  readonly field?: string;
  readonly reason: string;
}

export type PolicyDecision = { readonly allow: true; readonly request: RewrittenRequest } | PolicyRefusal;
