import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createOwnToken } from '@/lib/tokens/manage-tokens';
import { createAccount, searchEvents, TABLES, type DatabaseHandle } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import { accountUser } from './account-user';
import { createDatabaseLoginRateLimiter, loginRateLimitKey } from './login-rate-limit';
import { createTokenFailureGate, TOKEN_FAILURE_LIMIT } from './token-rate-limit';

// The REST API's guard, as in production (route handler, withSession, token check, the shared
// limit in the database), on a fresh database of this test's.
const dbName = uniqueDatabaseName('token_limit');
process.env.SHIPYARD_DATABASE_NAME = dbName;
process.env.AUTH_SECRET ??= 'x'.repeat(40);
const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';
const FORGED = `shy_${'Q'.repeat(43)}`;

type Handler = (request: Request) => Promise<Response>;
let me: Handler;
let db: DatabaseHandle;
let secret: string;

beforeAll(async () => {
  const meRoute = await import('@/app/api/v1/me/route');
  me = (request) => meRoute.GET(request, { params: Promise.resolve({}) });
  const { getDatabase } = await import('@/lib/server/services');
  db = await getDatabase();
  const account = await createAccount(db, { username: 'limit-robot', passwordHash: HASH, role: 'viewer', mustChangePassword: false });
  ({ secret } = await createOwnToken(db, accountUser(account, { kind: 'session' }), { name: 'ci', expiresInDays: 1, readOnly: true }, 'x'));
});
afterAll(async () => {
  const cleanup = connectTestDatabase(dbName);
  await cleanup.run(cleanup.r.dbDrop(dbName)).catch(() => undefined);
  await cleanup.close();
});

const get = (address: string, headers: Record<string, string>) => me(new Request('http://console.test/api/v1/me', { headers: { [CLIENT_ADDRESS_HEADER]: address, ...headers } }));

describe('failed API tokens on the REST API', () => {
  it('answers 401 twenty times a minute per address, then 429 with Retry-After to every guess while a valid token still works; other addresses go on', async () => {
    const attacker = '203.0.113.77';
    for (let attempt = 0; attempt < TOKEN_FAILURE_LIMIT.maxFailures; attempt += 1) {
      // Unknown, malformed and X-Access-Token forms all count.
      const forms: Record<string, string>[] = [{ authorization: `Bearer ${FORGED}` }, { authorization: 'Bearer nope' }, { 'x-access-token': `limit-robot:${FORGED}` }];
      const headers = forms[attempt % forms.length] ?? {};
      const refused = await get(attacker, headers);
      expect(refused.status, `attempt ${attempt + 1}`).toBe(401);
    }
    const limited = await get(attacker, { authorization: `Bearer ${FORGED}` });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await limited.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.message).toMatch(new RegExp(`^Too many failed API token attempts from ${attacker.replaceAll('.', '\\.')}: try again in \\d+ s \\(after \\d\\d:\\d\\d:\\d\\d UTC\\)`));
    // A valid token from the blocked address still works (the limit stops guessing, not the
    // address: a script beside the guesser keeps running); every guess stays refused.
    expect((await get(attacker, { authorization: `Bearer ${secret}` })).status).toBe(200);
    expect((await get(attacker, { 'x-access-token': `limit-robot:${secret}` })).status).toBe(200);
    for (let more = 0; more < 10; more += 1) expect((await get(attacker, { authorization: `Bearer ${FORGED}` })).status).toBe(429);
    expect((await get(attacker, { authorization: 'Bearer nope' })).status).toBe(429);
    expect((await get('198.51.100.20', { authorization: `Bearer ${secret}` })).status).toBe(200);

    // Audited: the 20 refused tokens each, the 12 refusals by the limit as one event.
    // The action filter is a prefix (auth.token also finds auth.token.rate-limit): count the refusals alone.
    const failures = await searchEvents(db, { action: 'auth.token', limit: 100 });
    expect(failures.filter((event) => event.action === 'auth.token' && event.address === attacker)).toHaveLength(20);
    const hits = await searchEvents(db, { action: 'auth.token.rate-limit', limit: 100 });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ actor: null, outcome: 'failure', address: attacker, details: { reason: 'token rate limit hit', maxFailures: 20, windowSeconds: 60 } });
  });

  it('is kept in the database in a key space of its own: another process sees it, the login limit does not', async () => {
    // A second gate on a second connection, as the gateway or another console process has.
    const other = connectTestDatabase(dbName);
    try {
      const gate = createTokenFailureGate(async () => other);
      await expect(gate.assertAllowed('203.0.113.77')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      await expect(gate.assertAllowed('203.0.113.78')).resolves.toBeUndefined();
      const login = createDatabaseLoginRateLimiter(async () => other, { maxFailures: 5, windowMs: 60_000 });
      expect(await login.retryAfterSeconds(loginRateLimitKey('limit-robot', '203.0.113.77'))).toBe(0);
      const keys = (await other.run(other.table(TABLES.loginAttempts))) as { key: string }[];
      expect(keys.length).toBeGreaterThanOrEqual(21);
      expect(keys.every((row) => /^token(-limit-audit)?:[0-9a-f]{64}$/.test(row.key))).toBe(true);
      expect(JSON.stringify(keys)).not.toContain('203.0.113');
    } finally {
      await other.close();
    }
  });
});
