import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '@/lib/errors/app-error';
import { createMemoryTokenFailureGate, TOKEN_FAILURE_LIMIT, TooManyTokenFailuresError, type LimitHit } from './token-rate-limit';

describe('the limit on failed API-token attempts', () => {
  it('lets 20 failures a minute through, then refuses every token from that address (not others) until the oldest leaves the window', async () => {
    let clock = Date.UTC(2026, 11, 1, 15, 0, 0);
    const hits: LimitHit[] = [];
    const gate = createMemoryTokenFailureGate(async (hit) => void hits.push(hit), { now: () => clock });
    expect(TOKEN_FAILURE_LIMIT).toEqual({ maxFailures: 20, windowMs: 60_000 });
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await gate.assertAllowed('203.0.113.5');
      await gate.recordFailure('203.0.113.5');
      clock += 1_000;
    }
    // 20 failures in 20 s: the first leaves the window 40 s from now.
    const refused = await gate.assertAllowed('203.0.113.5').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooManyTokenFailuresError);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 40 });
    expect((refused as Error).message).toBe(
      'Too many failed API token attempts from 203.0.113.5: try again in 40 s (after 15:01:00 UTC), with a valid token (Authorization: Bearer shy_…)',
    );
    await expect(gate.assertAllowed('203.0.113.6')).resolves.toBeUndefined();
    clock += 39_000;
    await expect(gate.assertAllowed('203.0.113.5')).rejects.toMatchObject({ retryAfterSeconds: 1 });
    clock += 1_000;
    await expect(gate.assertAllowed('203.0.113.5')).resolves.toBeUndefined();
  });

  it('reports the limit hit once per window per address, however many calls are refused, even at once', async () => {
    let clock = 1_000_000;
    const hits: LimitHit[] = [];
    const gate = createMemoryTokenFailureGate(async (hit) => void hits.push(hit), { maxFailures: 2, windowMs: 60_000, now: () => clock });
    for (const address of ['a', 'a', 'b', 'b']) await gate.recordFailure(address);
    const refusals = await Promise.all(Array.from({ length: 50 }, () => gate.assertAllowed('a').catch((error: unknown) => error)));
    expect(refusals.every((error) => error instanceof TooManyTokenFailuresError)).toBe(true);
    await gate.assertAllowed('b').catch(() => undefined);
    expect(hits).toEqual([
      { address: 'a', retryAfterSeconds: 60 },
      { address: 'b', retryAfterSeconds: 60 },
    ]);
    // The next window's hit is reported again.
    clock += 61_000;
    await gate.recordFailure('a');
    await gate.recordFailure('a');
    await gate.assertAllowed('a').catch(() => undefined);
    expect(hits.filter((hit) => hit.address === 'a')).toHaveLength(2);
  });
});
