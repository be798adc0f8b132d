import { AppError } from '@/lib/errors/app-error';
import type { DatabaseHandle, EventInput } from '@/prisma-free-db';
import { recordAudit } from './record-audit';

type AuditBase = Pick<EventInput, 'actor' | 'action' | 'target' | 'address'> & { details?: Record<string, string | number | boolean> };

/**
 * Runs a mutation and records it either way: success with its details, or failure with the
 * reason the caller was told (an AppError's message; "internal error" otherwise).
 */
export async function audited<T>(database: DatabaseHandle, event: AuditBase, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    await recordAudit(database, { ...event, outcome: 'success' });
    return result;
  } catch (error) {
    const reason = error instanceof AppError ? error.message.slice(0, 1_000) : 'internal error';
    await recordAudit(database, { ...event, outcome: 'failure', details: { ...event.details, reason } });
    throw error;
  }
}
