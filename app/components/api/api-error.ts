import type { AppErrorCode, FieldError } from '@/lib/errors/app-error';

/**
 * Failures the API itself did not describe: no answer at all (network, server down), an answer
 * that is not the API's JSON (a proxy's error page), or an error thrown by the page itself.
 */
export type ClientFailureCode = 'NO_ANSWER' | 'BAD_ANSWER' | 'PAGE_ERROR';
export type ApiErrorCode = AppErrorCode | ClientFailureCode;

// Spelled out (not imported at run time) so the browser bundle takes nothing from lib/; the
// Record type makes a code added to AppErrorCode a compile error here until it is listed.
const API_CODES: Readonly<Record<AppErrorCode, true>> = {
  BAD_REQUEST: true,
  VALIDATION_FAILED: true,
  UNAUTHORIZED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  CONFLICT: true,
  RATE_LIMITED: true,
  PAYLOAD_TOO_LARGE: true,
  DATABASE_UNAVAILABLE: true,
  DOCKER_UNAVAILABLE: true,
  DOCKER_ERROR: true,
  ETCD_UNAVAILABLE: true,
  REGISTRY_KEY_MISSING: true,
  INTERNAL: true,
};

export const NO_ANSWER_MESSAGE = 'The console cannot be reached';

function isApiCode(code: string): code is AppErrorCode {
  return Object.hasOwn(API_CODES, code);
}

/**
 * A failed call to the console's REST API, in the API's own words: `message` for ErrorBox or
 * FormFailure, `fields` (first message per dotted path) for FieldMessage, `code` to branch on.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fieldErrors: readonly FieldError[];
  /** The first (most specific) message per field path, e.g. fields['ports.0.containerPort']. */
  readonly fields: Readonly<Record<string, string>>;
  /** From Retry-After on a 429; null otherwise. */
  readonly retryAfterSeconds: number | null;

  constructor(
    code: ApiErrorCode,
    message: string,
    options: { status?: number; fieldErrors?: readonly FieldError[]; retryAfterSeconds?: number | null; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status ?? 0;
    this.fieldErrors = options.fieldErrors ?? [];
    const fields: Record<string, string> = {};
    for (const field of this.fieldErrors) fields[field.path] ??= field.message;
    this.fields = fields;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  /** Whether the message is the API's own (not a stand-in for a missing or unreadable answer). */
  get saidByApi(): boolean {
    return isApiCode(this.code);
  }

  /** Any caught value as an ApiError, so a page shows every failure the same way. */
  static from(caught: unknown): ApiError {
    if (caught instanceof ApiError) return caught;
    return new ApiError('PAGE_ERROR', caught instanceof Error ? caught.message : String(caught), { cause: caught });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldErrorsIn(raw: unknown): FieldError[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((field: unknown) =>
    isRecord(field) && typeof field.path === 'string' && typeof field.message === 'string' ? [{ path: field.path, message: field.message }] : [],
  );
}

function retryAfter(headers: Headers | undefined): number | null {
  const value = Number(headers?.get('retry-after') ?? NaN);
  return Number.isFinite(value) ? value : null;
}

/**
 * The error a failed answer stands for. `payload` is its parsed JSON body (null if it had none or
 * it was not JSON): the API's `{ error: { code, message, fields? } }`, else "HTTP <status>".
 */
export function apiErrorFrom(status: number, payload: unknown, headers?: Headers): ApiError {
  const error = isRecord(payload) ? payload.error : undefined;
  if (!isRecord(error) || typeof error.message !== 'string') return new ApiError('BAD_ANSWER', `HTTP ${status}`, { status });
  const code = typeof error.code === 'string' && isApiCode(error.code) ? error.code : status === 422 ? 'VALIDATION_FAILED' : 'INTERNAL';
  return new ApiError(code, error.message, { status, fieldErrors: fieldErrorsIn(error.fields), retryAfterSeconds: retryAfter(headers) });
}
