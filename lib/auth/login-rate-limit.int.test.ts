import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import { migrate, TABLES, type DatabaseHandle } from '@/prisma-free-db';
import { createDatabaseLoginRateLimiter, loginRateLimitKey } from './login-rate-limit';

// Two handles on one database, as two console processes would have: nothing shared but the rows.
let first: DatabaseHandle;
let second: DatabaseHandle;
beforeAll(async () => {
  const name = uniqueDatabaseName('login_limit');
  first = connectTestDatabase(name);
  second = connectTestDatabase(name);
  await migrate(first);
});
afterAll(async () => {
  await first.run(first.r.dbDrop(first.dbName)).catch(() => undefined);
  await Promise.all([first.close(), second.close()]);
});

describe('the login rate limit in the database', () => {
  it('is one limit for two independent limiters: failures on one block the other, a success on either clears both', async () => {
    let clock = Date.UTC(2026, 0, 1, 12, 0, 0);
    const options = { maxFailures: 3, windowMs: 60_000, now: () => clock };
    const a = createDatabaseLoginRateLimiter(async () => first, options);
    const b = createDatabaseLoginRateLimiter(async () => second, options);
    const key = loginRateLimitKey('Mallory', '198.51.100.7');

    await a.recordFailure(key);
    clock += 1_000;
    await b.recordFailure(key);
    clock += 1_000;
    expect(await a.retryAfterSeconds(key)).toBe(0);
    await a.recordFailure(key);
    clock += 1_000;
    // Three failures, two through each process: both refuse, with the same wait.
    expect(await b.retryAfterSeconds(key)).toBe(57);
    expect(await a.retryAfterSeconds(key)).toBe(57);
    expect(await b.retryAfterSeconds(loginRateLimitKey('mallory', '198.51.100.8'))).toBe(0);

    await b.reset(key);
    expect(await a.retryAfterSeconds(key)).toBe(0);
  });

  it('lets failures leave the window, and deletes rows older than the window', async () => {
    let clock = Date.UTC(2026, 0, 2, 12, 0, 0);
    const options = { maxFailures: 2, windowMs: 60_000, now: () => clock };
    const a = createDatabaseLoginRateLimiter(async () => first, options);
    const b = createDatabaseLoginRateLimiter(async () => second, options);
    const key = loginRateLimitKey('expiring', '203.0.113.1');
    await a.recordFailure(key);
    await b.recordFailure(key);
    expect(await a.retryAfterSeconds(key)).toBe(60);

    clock += 61_000;
    expect(await b.retryAfterSeconds(key)).toBe(0);
    // Stored as the key's SHA-256, never the username and address themselves.
    const countOf = async () => first.run(first.table(TABLES.loginAttempts).filter({ key: createHash('sha256').update(key).digest('hex') }).count());
    expect(JSON.stringify(await first.run(first.table(TABLES.loginAttempts)))).not.toContain('expiring');
    expect(await countOf()).toBe(2);
    // The next failure (on either) purges what is out of the window; only itself remains.
    await b.recordFailure(key);
    expect(await countOf()).toBe(1);
    expect(await a.retryAfterSeconds(key)).toBe(0);
  });
});
