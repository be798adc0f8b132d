import type { DatabaseHandle } from '@/prisma-free-db';
import { recordAudit } from './record-audit';

export interface AuditSubject {
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly address: string;
  readonly details?: Record<string, string | number | boolean>;
}

/** Runs a mutation and audits it either way: success with `details` (plus what `describe` adds), or failure with the message. */
export async function runAudited<T>(
  database: DatabaseHandle,
  subject: AuditSubject,
  mutation: () => Promise<T>,
  describe: (result: T) => Record<string, string | number | boolean> = () => ({}),
): Promise<T> {
  const base = { actor: subject.actor, action: subject.action, target: subject.target, address: subject.address };
  try {
    const result = await mutation();
    await recordAudit(database, { ...base, outcome: 'success', details: { ...subject.details, ...describe(result) } });
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message.slice(0, 1_000) : String(error).slice(0, 1_000);
    await recordAudit(database, { ...base, outcome: 'failure', details: { ...subject.details, error: message } });
    throw error;
  }
}
