import type { AuditJournal } from '@/lib/audit/audit-journal';
import type { EventInput } from '@/prisma-free-db';

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
  /** The host whose engine the call went to, when the gateway fronts several (a placed create, a routed call). */
  host?: string;
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

/** The audit event of one call. */
export function callEvent(record: CallRecord): EventInput {
  return {
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
      ...(record.host !== undefined ? { host: record.host } : {}),
    },
  };
}

/**
 * Journals the call's audit event (lib/audit/audit-journal.ts): a local append, written to the
 * database in batches off the call's path and replayed after a crash. A record the journal
 * cannot take (its folder unwritable) is logged, as a failed audit write always was.
 */
export function auditCall(journal: AuditJournal, record: CallRecord): void {
  if (!shouldAudit(record)) return;
  try {
    journal.append(callEvent(record));
  } catch (error) {
    console.error('audit: could not journal', 'gateway.call', error instanceof Error ? error.message : error);
  }
}
