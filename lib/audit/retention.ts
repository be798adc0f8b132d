import { recordAudit } from '@/lib/audit/record-audit';
import { deleteEventsBefore, getAuditRetention, type DatabaseHandle } from '@/prisma-free-db';

const DAY_MS = 86_400_000;

/** Deletes the events older than the retention setting; returns how many went. */
export async function purgeExpiredEvents(database: DatabaseHandle, now: Date = new Date()): Promise<{ deleted: number; cutoff: Date }> {
  const { days } = await getAuditRetention(database);
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const deleted = await deleteEventsBefore(database, cutoff);
  if (deleted > 0) {
    // The purge itself is part of the record: who can tell otherwise that events were removed?
    await recordAudit(database, { actor: null, action: 'events.purge', target: null, outcome: 'success', details: { deleted, retentionDays: days, cutoff: cutoff.toISOString() } });
  }
  return { deleted, cutoff };
}

const PURGE_INTERVAL_MS = 60 * 60 * 1000;
const holder = globalThis as typeof globalThis & { shipyardRetentionTimer?: NodeJS.Timeout };

/** Purges once now and then every hour, for the life of the process (once per process). */
export function scheduleRetention(getDatabase: () => Promise<DatabaseHandle>): void {
  if (holder.shipyardRetentionTimer) return;
  const purge = () => {
    getDatabase()
      .then((database) => purgeExpiredEvents(database))
      .catch((error: unknown) => console.error('audit retention: purge failed', error instanceof Error ? error.message : error));
  };
  holder.shipyardRetentionTimer = setInterval(purge, PURGE_INTERVAL_MS);
  holder.shipyardRetentionTimer.unref();
  purge();
}
