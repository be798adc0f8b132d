import type { AppErrorCode } from './app-error';

/** The HTTP status each error code answers with. */
export const httpStatusFor: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  DATABASE_UNAVAILABLE: 503,
  DOCKER_UNAVAILABLE: 503,
  DOCKER_ERROR: 502,
  ETCD_UNAVAILABLE: 503,
  REGISTRY_KEY_MISSING: 503,
  INTERNAL: 500,
};
