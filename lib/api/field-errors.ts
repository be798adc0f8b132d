import type { ZodError } from 'zod';
import type { FieldError } from '@/lib/errors/app-error';

/** One message per field, keyed by its dotted path ("(body)" for the body as a whole). */
export function fieldErrorsFrom(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
}
