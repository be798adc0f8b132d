import { recordAudit } from '@/lib/audit/record-audit';
import type { DatabaseHandle } from '@/prisma-free-db';

/** What the audit log keeps of one gateway call, filled in as the call is checked and forwarded. */
export interface CallRecord {
  actor: string | null;
  method: string;
  /** The path as sent (version prefix and all), without the query. */
  path: string;
  target: string | null;
  address: string;
  /** The permission or role the call needed, once matched. */
  requires: string | null;
  /** The answer's status: the engine's, or the gateway's own refusal. */
  status: number;
  /** Why the gateway refused, if it did. */
  refusal: string | null;
  /** Hijacked calls (exec, attach): how long the connection stayed open. */
  durationMs?: number;
  /** Refused by the limit on failed tokens: that limit audits its hit once a window itself. */
  rateLimited?: boolean;
}

const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/**
 * Every call goes to the audit log as gateway.call, reads too, except a successful /_ping (the
 * docker CLI sends one before each command and it tells nothing about the cluster) and a call
 * the token limit refused (a flood would fill the log; the limit's hit is audited once a window).
 */
export function shouldAudit(record: CallRecord): boolean {
  if (record.rateLimited) return false;
  return !(record.status < 400 && /^(\/v\d+\.\d+)?\/_ping$/.test(record.path));
}

export async function auditCall(database: DatabaseHandle, record: CallRecord): Promise<void> {
  if (!shouldAudit(record)) return;
  await recordAudit(database, {
    actor: record.actor,
    action: 'gateway.call',
    target: record.target ? clip(record.target, 256) : null,
    outcome: record.status < 400 ? 'success' : 'failure',
    address: clip(record.address, 128),
    details: {
      method: record.method,
      path: clip(record.path, 1_000),
      status: record.status,
      ...(record.requires ? { requires: record.requires } : {}),
      ...(record.refusal ? { reason: clip(record.refusal, 1_000) } : {}),
      ...(record.durationMs !== undefined ? { durationMs: record.durationMs } : {}),
    },
  });
}
