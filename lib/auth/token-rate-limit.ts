import { recordAudit } from '@/lib/audit/record-audit';
import { RateLimitedError } from '@/lib/errors/app-error';
import { findApiTokenByHash, type DatabaseHandle } from '@/prisma-free-db';
import { hashApiToken, type PresentedToken } from './api-token';
import { authenticateApiToken, TokenRejectedError } from './authenticate-token';
import { createDatabaseLoginRateLimiter, createLoginRateLimiter, type LoginRateLimiter, type RateLimitOptions } from './login-rate-limit';
import type { SessionUser } from './session-user';

/**
 * Failed API-token authentications per source address: 20 a minute, the login limit's window
 * (they share its table). A script with a stale token stays well under it; guessing does not.
 */
export const TOKEN_FAILURE_LIMIT = { maxFailures: 20, windowMs: 60_000 } as const;

/** A 429 that says from where, for how long, and until when (UTC), so a script's owner can act. */
export class TooManyTokenFailuresError extends RateLimitedError {
  static override readonly brand: string = 'TooManyTokenFailuresError';
  constructor(address: string, retryAfterSeconds: number, now: number) {
    const until = new Date(now + retryAfterSeconds * 1000).toISOString().slice(11, 19);
    super(
      `Too many failed API token attempts from ${address}: try again in ${retryAfterSeconds} s (after ${until} UTC), with a valid token (Authorization: Bearer shy_…)`,
      retryAfterSeconds,
    );
  }
}

/**
 * The limit on failed token attempts per address. It stops guessing, not the address: while an
 * address is over it, a token that is not one of ours (or a call without one) is refused at
 * once, but a valid token still works (a 256-bit secret is not guessed, and a script whose
 * neighbour floods must keep running). The refusals are not audited one by one (that would be
 * the flood); the first of each window is, as auth.token.rate-limit.
 */
export interface TokenFailureGate {
  /** Throws TooManyTokenFailuresError while `address` is over the limit. */
  assertAllowed(address: string): Promise<void>;
  recordFailure(address: string): Promise<void>;
}

type GateOptions = Partial<Pick<RateLimitOptions, 'maxFailures' | 'windowMs' | 'now'>>;

/** What is known when an address reaches the limit, for the one audit event of the window. */
export interface LimitHit {
  address: string;
  retryAfterSeconds: number;
}

function gateOver(failures: LoginRateLimiter, audited: LoginRateLimiter, onLimitHit: (hit: LimitHit) => Promise<void>, options: Required<GateOptions>): TokenFailureGate {
  // In this process, an address whose limit hit is being audited (or was, this window): the
  // many refusals of a flood then need no database round trip to learn it was recorded.
  const auditedUntil = new Map<string, number>();
  async function auditOncePerWindow(address: string, retryAfterSeconds: number): Promise<void> {
    const now = options.now();
    for (const [known, until] of auditedUntil) if (until <= now) auditedUntil.delete(known);
    if ((auditedUntil.get(address) ?? 0) > now) return;
    auditedUntil.set(address, now + options.windowMs);
    // Across processes: one row per window in a key space of its own says it was recorded.
    if ((await audited.retryAfterSeconds(address)) > 0) return;
    await audited.recordFailure(address);
    await onLimitHit({ address, retryAfterSeconds });
  }
  return {
    async assertAllowed(address) {
      const wait = await failures.retryAfterSeconds(address);
      if (wait <= 0) return;
      await auditOncePerWindow(address, wait);
      throw new TooManyTokenFailuresError(address, wait, options.now());
    },
    recordFailure: (address) => failures.recordFailure(address),
  };
}

function resolved(options: GateOptions): Required<GateOptions> {
  return { maxFailures: options.maxFailures ?? TOKEN_FAILURE_LIMIT.maxFailures, windowMs: options.windowMs ?? TOKEN_FAILURE_LIMIT.windowMs, now: options.now ?? Date.now };
}

/** The gate the console and the gateway use: counted in the database, shared by every process. */
export function createTokenFailureGate(database: () => Promise<DatabaseHandle>, options: GateOptions = {}): TokenFailureGate {
  const all = resolved(options);
  const auditHit = async ({ address, retryAfterSeconds }: LimitHit) => {
    await recordAudit(await database(), {
      actor: null,
      action: 'auth.token.rate-limit',
      target: null,
      outcome: 'failure',
      address,
      details: { reason: 'token rate limit hit', maxFailures: all.maxFailures, windowSeconds: all.windowMs / 1000, retryAfterSeconds },
    });
  };
  return gateOver(
    createDatabaseLoginRateLimiter(database, { ...all, keySpace: 'token' }),
    createDatabaseLoginRateLimiter(database, { ...all, maxFailures: 1, keySpace: 'token-limit-audit' }),
    auditHit,
    all,
  );
}

/** The same rule counted in this process's memory, reporting each window's hit to `onLimitHit` (unit tests). */
export function createMemoryTokenFailureGate(onLimitHit: (hit: LimitHit) => Promise<void>, options: GateOptions = {}): TokenFailureGate {
  const all = resolved(options);
  return gateOver(createLoginRateLimiter(all), createLoginRateLimiter({ ...all, maxFailures: 1 }), onLimitHit, all);
}

/** The gate's refusal while `address` is over the limit, else null. */
async function limitOf(gate: TokenFailureGate, address: string): Promise<TooManyTokenFailuresError | null> {
  try {
    await gate.assertAllowed(address);
    return null;
  } catch (error) {
    if (error instanceof TooManyTokenFailuresError) return error;
    throw error;
  }
}

/**
 * authenticateApiToken behind the gate: each refused token counts against the address. Over the
 * limit, only a token that exists is looked at further (a valid one is let in; a revoked or
 * expired one is audited and answered with the 429); anything else gets the 429 without an audit
 * row or more work. The REST API, the exec WebSocket and the gateway use this; the gateway counts
 * calls without any token as well (lib/gateway/admit-call.ts).
 */
export async function authenticateApiTokenLimited(
  database: DatabaseHandle,
  gate: TokenFailureGate,
  presented: PresentedToken | 'malformed',
  address: string,
): Promise<SessionUser> {
  const limited = await limitOf(gate, address);
  if (limited && (presented === 'malformed' || !(await findApiTokenByHash(database, hashApiToken(presented.secret))))) throw limited;
  try {
    return await authenticateApiToken(database, presented, address);
  } catch (error) {
    if (!(error instanceof TokenRejectedError)) throw error;
    await gate.recordFailure(address);
    throw limited ?? error;
  }
}
