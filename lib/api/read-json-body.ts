import type { z } from 'zod';
import { AppError, ValidationError } from '@/lib/errors/app-error';
import { fieldErrorsFrom } from './field-errors';

/** Parses and validates a JSON request body; a bad body is a 400 or 422 that says what to fix. */
export async function readJsonBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  const text = await request.text();
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'The request body is not valid JSON');
  }
  return validated(schema, raw);
}

/** Validates a request's query string (?a=1&b=2) the same way: a 422 that names each bad parameter. */
export function readQuery<Schema extends z.ZodType>(request: Request, schema: Schema): z.infer<Schema> {
  return validated(schema, Object.fromEntries(new URL(request.url).searchParams));
}

function validated<Schema extends z.ZodType>(schema: Schema, raw: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields = fieldErrorsFrom(parsed.error);
    throw new ValidationError(fields.map((field) => `${field.path}: ${field.message}`).join('; '), fields);
  }
  return parsed.data;
}
