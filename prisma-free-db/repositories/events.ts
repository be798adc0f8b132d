import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DatabaseHandle } from '../connection';
import { INDEXES, TABLES } from '../tables';
import { eventInputSchema, eventSchema, type AuditEvent, type EventInput } from '../schemas/event';
import { parseInput, parseRows } from '../validate';
import { insertNew } from '../writes';

export const MAX_EVENTS_PER_PAGE = 500;

const listEventsSchema = z.object({
  limit: z.number().int().min(1).max(MAX_EVENTS_PER_PAGE).default(50),
  /** Only events strictly older than this: pass the last event's time to get the next page. */
  before: z.date().optional(),
});
export type ListEventsOptions = z.input<typeof listEventsSchema>;

/** Appends one event to the audit log and returns it as stored. */
export async function recordEvent(db: DatabaseHandle, input: EventInput): Promise<AuditEvent> {
  const { time, ...fields } = parseInput(eventInputSchema, input, 'audit event');
  const event = parseInput(eventSchema, { ...fields, id: randomUUID(), time: time ?? new Date() }, 'audit event');
  await insertNew(db, TABLES.events, event);
  return event;
}

/** Newest first, through the time index. */
export async function listEvents(db: DatabaseHandle, options: ListEventsOptions = {}): Promise<AuditEvent[]> {
  const { limit, before } = parseInput(listEventsSchema, options, 'event query');
  const newestFirst = db.table(TABLES.events).orderBy({ index: db.r.desc(INDEXES.eventsByTime) });
  // filter() after the ordered index read rather than between(): reqlite can hang on
  // between(r.minval, ...) and this stays a lazy, index-ordered scan on RethinkDB.
  const page = before ? newestFirst.filter(db.r.row('time').lt(before)) : newestFirst;
  return parseRows(eventSchema, await db.run(page.limit(limit)), TABLES.events);
}
