import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from './context';

type Details = Record<string, string | number | boolean>;

/** Runs one container mutation and writes its audit event, success or failure (with the reason). */
export async function audited<Result>(actor: Actor, action: string, target: string, details: Details, run: () => Promise<Result>): Promise<Result> {
  try {
    const result = await run();
    await recordAudit(actor.database, { actor: actor.username, action, target: target.slice(0, 256), outcome: 'success', address: actor.address, details });
    return result;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    await recordAudit(actor.database, {
      actor: actor.username,
      action,
      target: target.slice(0, 256),
      outcome: 'failure',
      address: actor.address,
      details: { ...details, reason },
    });
    throw error;
  }
}
