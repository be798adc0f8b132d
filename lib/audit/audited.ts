import { AppError } from '@/lib/errors/app-error';
import type { Actor } from './actor';
import { recordAudit } from './record-audit';

export type AuditDetails = Record<string, string | number | boolean>;

/** What a mutation is, for the audit log: the action's name, what it acts on, and its inputs worth keeping. */
export interface AuditedAction {
  readonly action: string;
  readonly target: string | null;
  readonly details?: AuditDetails;
}

const MAX_TARGET = 256;
const MAX_REASON = 1_000;

/** The reason the user was told: an AppError's message; anything else answers "internal error". */
function reasonOf(error: unknown): string {
  return error instanceof AppError ? error.message.slice(0, MAX_REASON) : 'internal error';
}

/**
 * The one audit wrapper: runs a mutation and records it either way. Success carries `details`
 * plus what `describe` adds from the result; failure carries `details` plus `reason`, and the
 * error is thrown on. An audit write that fails is logged (recordAudit), never thrown: the
 * mutation has happened, and the user must hear about that, not about the log.
 */
export async function audited<Result>(
  actor: Pick<Actor, 'username' | 'address' | 'database'>,
  subject: AuditedAction,
  mutation: () => Promise<Result>,
  describe: (result: Result) => AuditDetails = () => ({}),
): Promise<Result> {
  const base = { actor: actor.username, action: subject.action, target: subject.target?.slice(0, MAX_TARGET) ?? null, address: actor.address };
  let result: Result;
  try {
    result = await mutation();
  } catch (error) {
    await recordAudit(actor.database, { ...base, outcome: 'failure', details: { ...subject.details, reason: reasonOf(error) } });
    throw error;
  }
  await recordAudit(actor.database, { ...base, outcome: 'success', details: { ...subject.details, ...describe(result) } });
  return result;
}
