import { recordEvent, type DatabaseHandle, type EventInput } from '@/prisma-free-db';

/**
 * Writes one audit event. An audit failure is logged, not thrown: the action it records has
 * already happened and the user must hear about that, not about the log.
 */
export async function recordAudit(database: DatabaseHandle, event: Omit<EventInput, 'time' | 'details'> & { details?: EventInput['details'] }): Promise<void> {
  try {
    await recordEvent(database, { ...event, details: event.details ?? {} });
  } catch (error) {
    console.error('audit: could not record', event.action, error instanceof Error ? error.message : error);
  }
}
