import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { ValidationError } from '@/lib/errors/app-error';
import { MAX_EVENTS_PER_EXPORT, MAX_EVENTS_PER_PAGE, type EventFilter } from '@/prisma-free-db';
import { eventQuerySchema } from './audit-schema';

export interface EventQuery {
  filter: EventFilter;
  format: 'json' | 'csv';
}

/**
 * Reads the events filters from a URL's query: actor, action (itself or a prefix of whole segments, with or without a
 * trailing dot), outcome, since, until (ISO times; until is also the cursor for the next page), limit
 * and format. JSON pages hold at most 500 events; an export at most 10,000.
 */
export function parseEventQuery(params: URLSearchParams): EventQuery {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) raw[key] = value;
  const parsed = eventQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const fields = fieldErrorsFrom(parsed.error);
    throw new ValidationError(fields.map((field) => `${field.path}: ${field.message}`).join('; '), fields);
  }
  const { format, limit, export: _download, ...filters } = parsed.data;
  const max = format === 'csv' || params.has('export') ? MAX_EVENTS_PER_EXPORT : MAX_EVENTS_PER_PAGE;
  if (limit !== undefined && limit > max) {
    throw new ValidationError(`limit: at most ${max}`, [{ path: 'limit', message: `at most ${max}` }]);
  }
  const filter: EventFilter = { limit: limit ?? (format === 'csv' ? MAX_EVENTS_PER_EXPORT : 50) };
  if (filters.actor !== undefined) filter.actor = filters.actor;
  if (filters.action !== undefined) filter.action = filters.action;
  if (filters.outcome !== undefined) filter.outcome = filters.outcome;
  if (filters.since !== undefined) filter.since = filters.since;
  if (filters.until !== undefined) filter.until = filters.until;
  return { filter, format };
}
