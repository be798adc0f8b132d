import { z } from 'zod';

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
/** Until an admin chooses, audit events are kept a year. */
export const DEFAULT_RETENTION_DAYS = 365;

export const retentionDaysSchema = z
  .number({ message: 'Give the number of days as a whole number' })
  .int('Give the number of days as a whole number')
  .min(MIN_RETENTION_DAYS, `Keep events at least ${MIN_RETENTION_DAYS} day`)
  .max(MAX_RETENTION_DAYS, `Keep events at most ${MAX_RETENTION_DAYS} days`);

export const SETTING_IDS = { auditRetention: 'audit-retention' } as const;

export const auditRetentionSchema = z.object({
  id: z.literal(SETTING_IDS.auditRetention),
  days: retentionDaysSchema,
  updatedAt: z.date(),
  updatedBy: z.string().min(1).max(256),
});
export type AuditRetention = z.infer<typeof auditRetentionSchema>;
