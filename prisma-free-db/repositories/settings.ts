import type { DatabaseHandle } from '../connection';
import { TABLES } from '../tables';
import { auditRetentionSchema, DEFAULT_RETENTION_DAYS, SETTING_IDS, type AuditRetention } from '../schemas/settings';
import { parseInput, parseRow } from '../validate';
import { writeFailed } from '../writes';

/** How long audit events are kept: the stored setting, or the default (updatedBy null). */
export async function getAuditRetention(db: DatabaseHandle): Promise<{ days: number; updatedAt: Date | null; updatedBy: string | null }> {
  const row = await db.run(db.table(TABLES.settings).get(SETTING_IDS.auditRetention));
  if (row === null) return { days: DEFAULT_RETENTION_DAYS, updatedAt: null, updatedBy: null };
  const setting = parseRow(auditRetentionSchema, row, TABLES.settings);
  return { days: setting.days, updatedAt: setting.updatedAt, updatedBy: setting.updatedBy };
}

export async function setAuditRetention(db: DatabaseHandle, days: number, updatedBy: string): Promise<AuditRetention> {
  const setting = parseInput(
    auditRetentionSchema,
    { id: SETTING_IDS.auditRetention, days, updatedAt: new Date(), updatedBy },
    'audit retention',
  );
  const result = await db.run(db.table(TABLES.settings).insert(setting, { conflict: 'replace' }));
  if (result.errors > 0) throw writeFailed(db, result);
  return setting;
}
