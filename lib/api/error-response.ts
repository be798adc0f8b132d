import { ZodError } from 'zod';
import { AppError, RateLimitedError } from '@/lib/errors/app-error';
import { httpStatusFor } from '@/lib/errors/http-status';
import { fieldErrorsFrom } from './field-errors';

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

/** The JSON answer for a failed API call. Unknown errors are logged and answered as a bare 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const body: ApiErrorBody = { error: { code: error.code, message: error.message } };
    if (error.fields.length > 0) body.error.fields = error.fields;
    const headers = error instanceof RateLimitedError ? { 'retry-after': String(error.retryAfterSeconds) } : undefined;
    return Response.json(body, { status: httpStatusFor[error.code], headers });
  }
  if (error instanceof ZodError) {
    const fields = fieldErrorsFrom(error);
    const body: ApiErrorBody = {
      error: { code: 'VALIDATION_FAILED', message: fields.map((field) => `${field.path}: ${field.message}`).join('; '), fields },
    };
    return Response.json(body, { status: 422 });
  }
  console.error('unexpected error in an API handler', error);
  return Response.json({ error: { code: 'INTERNAL', message: 'Internal error: see the console server log' } } satisfies ApiErrorBody, {
    status: 500,
  });
}
