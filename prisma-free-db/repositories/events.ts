import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DatabaseHandle } from '../connection';
import { INDEXES, TABLES } from '../tables';
import { eventInputSchema, eventSchema, type AuditEvent, type EventInput } from '../schemas/event';
import { parseInput, parseRow, parseRows } from '../validate';
import { insertNew, writeFailed } from '../writes';

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

/**
 * Stores events made elsewhere (the audit journal, lib/audit/audit-journal.ts) in one write, each
 * under its own id: one that is there already (a replay after a crash) is replaced by itself, so
 * it is never recorded twice.
 */
export async function recordEventsOnce(db: DatabaseHandle, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event) => parseInput(eventSchema, event, 'audit event'));
  const result = await db.run(db.table(TABLES.events).insert(rows, { conflict: 'replace' }));
  if (result.errors > 0) throw writeFailed(db, result);
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

/** Export reads more than a page, but still a bounded number. */
export const MAX_EVENTS_PER_EXPORT = 10_000;

export const eventFilterSchema = z.object({
  /** Exactly this actor (as recorded: the username, or what was typed at a failed login). */
  actor: z.string().min(1).max(256).optional(),
  /** This action and every action under it: "network" (or "network.") matches network.create, network.remove… */
  action: z.string().min(1).max(128).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  /** From this time, inclusive. */
  since: z.date().optional(),
  /** Strictly before this time (also the paging cursor). */
  until: z.date().optional(),
  limit: z.number().int().min(1).max(MAX_EVENTS_PER_EXPORT).default(50),
});
export type EventFilter = z.input<typeof eventFilterSchema>;

/**
 * The action filter as a person types it: the action itself, or a prefix of whole segments with
 * or without its trailing dot ("network" and "network." both match "network.create", never "networks.x").
 */
export function actionMatches(action: string, filter: string): boolean {
  const prefix = filter.endsWith('.') ? filter : `${filter}.`;
  return action === filter || action.startsWith(prefix);
}

/** Whether one event matches a filter: the same rule the query applies, for live updates. */
export function eventMatches(event: AuditEvent, filter: Omit<EventFilter, 'limit'>): boolean {
  if (filter.actor !== undefined && event.actor !== filter.actor) return false;
  if (filter.action !== undefined) {
    if (!actionMatches(event.action, filter.action)) return false;
  }
  if (filter.outcome !== undefined && event.outcome !== filter.outcome) return false;
  if (filter.since !== undefined && event.time < filter.since) return false;
  if (filter.until !== undefined && event.time >= filter.until) return false;
  return true;
}

/** Events matching the filter, newest first, through the time index. */
export async function searchEvents(db: DatabaseHandle, filter: EventFilter = {}): Promise<AuditEvent[]> {
  const { limit, actor, action, outcome, since, until } = parseInput(eventFilterSchema, filter, 'event filter');
  const { r } = db;
  let query = db.table(TABLES.events).orderBy({ index: r.desc(INDEXES.eventsByTime) });
  // filter() after the ordered index read, as in listEvents (reqlite and between(), see above).
  if (until) query = query.filter(r.row('time').lt(until));
  if (since) query = query.filter(r.row('time').ge(since));
  if (actor) query = query.filter(r.row('actor').eq(actor));
  if (outcome) query = query.filter(r.row('outcome').eq(outcome));
  if (action) {
    const prefix = action.endsWith('.') ? action : `${action}.`;
    query = query.filter(r.row('action').eq(action).or(r.row('action').slice(0, prefix.length).eq(prefix)));
  }
  return parseRows(eventSchema, await db.run(query.limit(limit)), TABLES.events);
}

/** Deletes the events older than `cutoff` (the retention setting); returns how many. */
export async function deleteEventsBefore(db: DatabaseHandle, cutoff: Date): Promise<number> {
  const result = await db.run(db.table(TABLES.events).filter(db.r.row('time').lt(cutoff)).delete());
  return result.deleted;
}

/** A live feed of newly recorded events; close() ends it. */
export interface EventFeed {
  close(): Promise<void>;
}

/**
 * Calls `onEvent` for every event inserted from now on (a RethinkDB changefeed on the events
 * table; reqlite serves them too) and `onError` once if the feed breaks.
 */
export async function watchEvents(db: DatabaseHandle, onEvent: (event: AuditEvent) => void, onError: (error: Error) => void): Promise<EventFeed> {
  const feed = await db.run(db.table(TABLES.events).changes());
  let closed = false;
  feed.each((error, change) => {
    if (closed) return;
    if (error) {
      closed = true;
      onError(error);
      return;
    }
    if (change.new_val && !change.old_val) {
      try {
        onEvent(parseRow(eventSchema, change.new_val, TABLES.events));
      } catch (parseError) {
        console.error('events feed: skipped a row', parseError instanceof Error ? parseError.message : parseError);
      }
    }
  });
  return {
    async close() {
      closed = true;
      await Promise.resolve(feed.close()).catch(() => undefined);
    },
  };
}
