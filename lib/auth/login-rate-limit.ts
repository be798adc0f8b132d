/**
 * Failed logins counted per key (username and client address) in a sliding window. In memory:
 * one console process guards itself; behind a load balancer each instance counts on its own.
 */
export interface LoginRateLimiter {
  /** Seconds until the key may try again, or 0 when it may try now. */
  retryAfterSeconds(key: string): number;
  recordFailure(key: string): void;
  reset(key: string): void;
}

export function createLoginRateLimiter(options: { maxFailures: number; windowMs: number; now?: () => number }): LoginRateLimiter {
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();

  const recent = (key: string): number[] => {
    const cutoff = now() - options.windowMs;
    const kept = (failures.get(key) ?? []).filter((time) => time > cutoff);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };

  return {
    retryAfterSeconds(key) {
      const times = recent(key);
      if (times.length < options.maxFailures) return 0;
      const oldest = times[times.length - options.maxFailures] ?? now();
      return Math.max(1, Math.ceil((oldest + options.windowMs - now()) / 1000));
    },
    recordFailure(key) {
      failures.set(key, [...recent(key), now()]);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}

export function loginRateLimitKey(username: string, address: string): string {
  return `${username.trim().toLowerCase()}|${address}`;
}
