import { describe, expect, it } from 'vitest';
import { createLoginRateLimiter, loginRateLimitKey, secondsUntilAllowed } from './login-rate-limit';

describe('the login rate-limit window', () => {
  const options = { maxFailures: 5, windowMs: 60_000 };

  it('allows fewer failures than the limit, and blocks at the limit until the oldest leaves the window', () => {
    const times = [0, 1_000, 2_000, 3_000];
    expect(secondsUntilAllowed(times, 4_000, options)).toBe(0);
    expect(secondsUntilAllowed([...times, 4_000], 5_000, options)).toBe(55);
    expect(secondsUntilAllowed([...times, 4_000], 59_999, options)).toBe(1);
    expect(secondsUntilAllowed([...times, 4_000], 60_000, options)).toBe(0);
  });

  it('ignores failures outside the window and counts from the last maxFailures ones', () => {
    expect(secondsUntilAllowed([0, 1, 2, 3, 4], 120_000, options)).toBe(0);
    // Seven failures: the wait runs from the oldest of the last five (30 s).
    expect(secondsUntilAllowed([10_000, 20_000, 30_000, 31_000, 32_000, 33_000, 34_000], 40_000, options)).toBe(50);
    expect(secondsUntilAllowed([10_000, 20_000, 30_000, 31_000, 32_000], 69_500, options)).toBe(1);
  });
});

describe('the in-memory login rate limiter', () => {
  it('blocks the sixth attempt within a minute and says how long to wait', async () => {
    let clock = 1_000_000;
    const limiter = createLoginRateLimiter({ maxFailures: 5, windowMs: 60_000, now: () => clock });
    const key = loginRateLimitKey('Admin', '10.0.0.1');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await limiter.retryAfterSeconds(key)).toBe(0);
      await limiter.recordFailure(key);
      clock += 1_000;
    }
    expect(await limiter.retryAfterSeconds(key)).toBe(55);
    expect(await limiter.retryAfterSeconds(loginRateLimitKey('admin', '10.0.0.2'))).toBe(0);
    clock += 55_000;
    expect(await limiter.retryAfterSeconds(key)).toBe(0);
  });

  it('forgets failures after a successful login', async () => {
    const limiter = createLoginRateLimiter({ maxFailures: 2, windowMs: 60_000 });
    await limiter.recordFailure('k');
    await limiter.recordFailure('k');
    expect(await limiter.retryAfterSeconds('k')).toBeGreaterThan(0);
    await limiter.reset('k');
    expect(await limiter.retryAfterSeconds('k')).toBe(0);
  });

  it('counts attempts before they are checked: of 20 at once, 5 go on; refused ones do not count', async () => {
    let clock = 1_000_000;
    const limiter = createLoginRateLimiter({ maxFailures: 5, windowMs: 60_000, now: () => clock });
    const waits = await Promise.all(Array.from({ length: 20 }, () => limiter.attempt('k')));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(5);
    expect(waits.filter((wait) => wait === 60)).toHaveLength(15);
    // The 15 refusals did not push the window on: a minute after the five, it is open again.
    clock += 60_000;
    expect(await limiter.attempt('k')).toBe(0);
  });

  it('keys case-insensitively on the username', () => {
    expect(loginRateLimitKey(' Admin ', 'a')).toBe(loginRateLimitKey('admin', 'a'));
  });
});
