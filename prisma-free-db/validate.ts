import type { z } from 'zod';
import { ValidationError, type FieldError } from '@/errors/app-error';
import { CorruptDocumentError } from './errors';

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
}

function describe(fields: FieldError[]): string {
  return fields.map((field) => `${field.path}: ${field.message}`).join('; ');
}

/** Checks a document before it is written; a bad one is the caller's mistake (422). */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = fieldErrors(result.error);
  throw new ValidationError(`The ${what} is not valid: ${describe(fields)}`, fields);
}

function rowKey(row: unknown): string {
  if (typeof row === 'object' && row !== null) {
    for (const key of ['id', 'name']) {
      const value: unknown = (row as Record<string, unknown>)[key];
      if (typeof value === 'string') return `"${value}"`;
    }
  }
  return '(without an id)';
}

/** Checks a row read back from the database: a mismatch is corrupt data, named precisely. */
export function parseRow<Schema extends z.ZodType>(schema: Schema, row: unknown, table: string): z.output<Schema> {
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  throw new CorruptDocumentError(table, rowKey(row), describe(fieldErrors(result.error)));
}

export function parseRows<Schema extends z.ZodType>(schema: Schema, rows: unknown[], table: string): z.output<Schema>[] {
  return rows.map((row) => parseRow(schema, row, table));
}
