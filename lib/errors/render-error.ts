import { ZodError } from 'zod';
import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { AppError, RateLimitedError, type FieldError } from './app-error';
import { httpStatusFor } from './http-status';
import { StatusError } from './status-error';

/** The JSON body of every failed call: REST routes, refused WebSocket upgrades (and, in Docker's words, the gateway). */
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: FieldError[] };
}

/** An error as an HTTP answer; header names are lower-case. */
export interface RenderedError {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
}

export interface RenderErrorOptions {
  /** Where the error was caught, for the log line of an unexpected one ("an API handler"). */
  readonly where?: string;
  /** What the caller hears about an unexpected error (default: see the console server log). */
  readonly internalMessage?: string;
}

export const INTERNAL_MESSAGE = 'Internal error: see the console server log';

function retryAfter(seconds: number | undefined): Record<string, string> {
  return seconds === undefined ? {} : { 'retry-after': String(seconds) };
}

/**
 * The one way an error becomes an answer. AppError: the status of its code, its message and
 * fields (Retry-After for a RateLimitedError); StatusError: its own status; ZodError: a 422 naming
 * each field; anything else is logged and answered as a bare 500 that leaks nothing.
 */
export function renderError(error: unknown, options: RenderErrorOptions = {}): RenderedError {
  if (error instanceof AppError) {
    const body: ApiErrorBody = { error: { code: error.code, message: error.message } };
    if (error.fields.length > 0) body.error.fields = error.fields;
    const headers = retryAfter(error instanceof RateLimitedError ? error.retryAfterSeconds : undefined);
    return { status: httpStatusFor[error.code], body, headers };
  }
  if (error instanceof StatusError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message } }, headers: retryAfter(error.retryAfterSeconds) };
  }
  if (error instanceof ZodError) {
    const fields = fieldErrorsFrom(error);
    const message = fields.map((field) => `${field.path}: ${field.message}`).join('; ');
    return { status: 422, body: { error: { code: 'VALIDATION_FAILED', message, fields } }, headers: {} };
  }
  console.error(`unexpected error in ${options.where ?? 'an API handler'}`, error);
  return { status: 500, body: { error: { code: 'INTERNAL', message: options.internalMessage ?? INTERNAL_MESSAGE } }, headers: {} };
}
