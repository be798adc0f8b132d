import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createAccount, migrate, searchEvents, type DatabaseHandle } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import { credentialsAuthorizer, TooManyLoginAttempts } from './authorize-credentials';
import { createDatabaseLoginRateLimiter } from './login-rate-limit';
import { hashPassword, verifyPassword } from './password';

process.env.SHIPYARD_BCRYPT_COST = '4';

// Two handles on one database, as two console processes behind a load balancer would have.
let first: DatabaseHandle;
let second: DatabaseHandle;
beforeAll(async () => {
  const name = uniqueDatabaseName('sign_in');
  first = connectTestDatabase(name);
  second = connectTestDatabase(name);
  await migrate(first);
  await createAccount(first, { username: 'mallory-target', passwordHash: await hashPassword('the-right-one-1'), role: 'viewer', mustChangePassword: false });
});
afterAll(async () => {
  await first.run(first.r.dbDrop(first.dbName)).catch(() => undefined);
  await Promise.all([first.close(), second.close()]);
});

/** Two console processes' sign-in checks on one database, counting the password checks they make. */
function twoProcesses() {
  const checked = { count: 0 };
  const verify = async (password: string, hash: string) => {
    checked.count += 1;
    return verifyPassword(password, hash);
  };
  const options = { maxFailures: 5, windowMs: 60_000 };
  const processes = [first, second].map((db) => credentialsAuthorizer({ database: async () => db, limiter: createDatabaseLoginRateLimiter(async () => db, options), verify }));
  return { processes, checked };
}

const form = (address: string) => new Request('http://console.test/api/auth/callback/credentials', { method: 'POST', headers: { [CLIENT_ADDRESS_HEADER]: address } });

describe('the sign-in limit', () => {
  it('holds under 20 parallel wrong guesses on two processes: at most 5 reach the password check, then none', async () => {
    const { processes, checked } = twoProcesses();
    const guesses = Array.from({ length: 20 }, (_, index) =>
      (processes[index % 2] ?? processes[0])?.({ username: 'mallory-target', password: `guess-${index}` }, form('203.0.113.60')).catch((error: unknown) => error),
    );
    const outcomes = await Promise.all(guesses);
    expect(checked.count).toBeLessThanOrEqual(5);
    expect(outcomes.every((outcome) => outcome === null || outcome instanceof TooManyLoginAttempts)).toBe(true);
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(checked.count);

    // One at a time after the flood: the window's checks add up to exactly 5, never more.
    for (let more = 0; more < 6; more += 1) await processes[more % 2]?.({ username: 'mallory-target', password: `later-${more}` }, form('203.0.113.60')).catch(() => undefined);
    expect(checked.count).toBe(5);
    // The right password now waits too; from another address it works.
    await expect(processes[0]?.({ username: 'mallory-target', password: 'the-right-one-1' }, form('203.0.113.60'))).rejects.toBeInstanceOf(TooManyLoginAttempts);
    expect(checked.count).toBe(5);
    expect(await processes[1]?.({ username: 'mallory-target', password: 'the-right-one-1' }, form('203.0.113.61'))).toMatchObject({ name: 'mallory-target' });
    const failures = (await searchEvents(first, { action: 'auth.login', limit: 100 })).filter((event) => event.address === '203.0.113.60');
    expect(failures).toHaveLength(5);
  });

  it('counts a success as no failure: five wrong then the right one, then five more may be checked', async () => {
    const { processes, checked } = twoProcesses();
    for (let guess = 0; guess < 4; guess += 1) expect(await processes[0]?.({ username: 'mallory-target', password: `wrong-${guess}` }, form('203.0.113.62'))).toBeNull();
    expect(await processes[1]?.({ username: 'mallory-target', password: 'the-right-one-1' }, form('203.0.113.62'))).toMatchObject({ name: 'mallory-target' });
    for (let guess = 0; guess < 5; guess += 1) expect(await processes[0]?.({ username: 'mallory-target', password: `again-${guess}` }, form('203.0.113.62'))).toBeNull();
    await expect(processes[1]?.({ username: 'mallory-target', password: 'again-x' }, form('203.0.113.62'))).rejects.toBeInstanceOf(TooManyLoginAttempts);
    expect(checked.count).toBe(10);
  });
});
