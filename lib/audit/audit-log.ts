import { getAuditRetention, searchEvents, type AuditEvent, type DatabaseHandle, type EventFilter } from '@/prisma-free-db';

export interface AuditLogPage {
  /** Newest first. */
  events: AuditEvent[];
  /** The `until` of the next page (the oldest event's time) when this page is full; null at the end. */
  next: string | null;
}

/** One page of the audit log, filtered (parseEventQuery reads the filter from a URL). */
export async function readAuditLog(database: DatabaseHandle, filter: EventFilter): Promise<AuditLogPage> {
  const events = await searchEvents(database, filter);
  const last = events.at(-1);
  return { events, next: events.length === filter.limit && last ? last.time.toISOString() : null };
}

/** How many days audit events are kept, and who set it (none: the default). */
export function readAuditRetention(database: DatabaseHandle): ReturnType<typeof getAuditRetention> {
  return getAuditRetention(database);
}
