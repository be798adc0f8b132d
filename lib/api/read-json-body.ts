import type { z } from 'zod';
import { AppError, ValidationError } from '@/lib/errors/app-error';
import { fieldErrorsFrom } from './field-errors';

/** The most a JSON request body may hold: every body the API takes is far smaller. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export class PayloadTooLargeError extends AppError {
  constructor(limit: number) {
    super('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes (${formatMiB(limit)}): send less`);
  }
}

function formatMiB(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(2))} MiB`;
}

/**
 * The body as text, read as a stream and abandoned as soon as it passes `limit` bytes, so a huge
 * body is never held in memory (a Content-Length over the limit is refused before reading).
 */
export async function readBodyText(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError('BAD_REQUEST', 'The request body is not valid UTF-8');
  }
}

/**
 * Parses and validates a JSON request body; a bad body is a 400 or 422 that says what to fix, a
 * body over `limit` bytes (1 MiB unless a route needs more) a 413.
 */
export async function readJsonBody<Schema extends z.ZodType>(request: Request, schema: Schema, limit = MAX_JSON_BODY_BYTES): Promise<z.infer<Schema>> {
  const text = await readBodyText(request, limit);
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
