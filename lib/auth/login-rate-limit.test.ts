import { describe, expect, it } from 'vitest';
import { createLoginRateLimiter, loginRateLimitKey } from './login-rate-limit';

describe('login rate limiter', () => {
  it('blocks the sixth attempt within a minute and says how long to wait', () => {
    let clock = 1_000_000;
    const limiter = createLoginRateLimiter({ maxFailures: 5, windowMs: 60_000, now: () => clock });
    const key = loginRateLimitKey('Admin', '10.0.0.1');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(limiter.retryAfterSeconds(key)).toBe(0);
      limiter.recordFailure(key);
      clock += 1_000;
    }
    expect(limiter.retryAfterSeconds(key)).toBe(55);
    expect(limiter.retryAfterSeconds(loginRateLimitKey('admin', '10.0.0.2'))).toBe(0);
    clock += 55_000;
    expect(limiter.retryAfterSeconds(key)).toBe(0);
  });

  it('forgets failures after a successful login', () => {
    const limiter = createLoginRateLimiter({ maxFailures: 2, windowMs: 60_000 });
    limiter.recordFailure('k');
    limiter.recordFailure('k');
    expect(limiter.retryAfterSeconds('k')).toBeGreaterThan(0);
    limiter.reset('k');
    expect(limiter.retryAfterSeconds('k')).toBe(0);
  });

  it('keys case-insensitively on the username', () => {
    expect(loginRateLimitKey(' Admin ', 'a')).toBe(loginRateLimitKey('admin', 'a'));
  });
});
