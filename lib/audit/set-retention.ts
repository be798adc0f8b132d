import type { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session-user';
import { setAuditRetention, type DatabaseHandle } from '@/prisma-free-db';
import type { setRetentionSchema } from './audit-schema';
import { audited } from './audited';
import { purgeExpiredEvents } from './retention';

/** Sets how many days audit events are kept, and purges what is now older at once. */
export async function setRetention(
  database: DatabaseHandle,
  user: SessionUser,
  input: z.infer<typeof setRetentionSchema>,
  address: string,
): Promise<{ days: number; deleted: number }> {
  const setting = await audited(
    { username: user.username, address, database },
    { action: 'settings.audit-retention', target: 'audit-retention', details: { days: input.days } },
    () => setAuditRetention(database, input.days, user.username),
  );
  const { deleted } = await purgeExpiredEvents(database);
  return { days: setting.days, deleted };
}
