import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountUser } from '@/lib/auth/account-user';
import { createAccount, searchEvents, type Account, type DatabaseHandle } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createOwnToken } from './manage-tokens';

// The console's own route handlers, with the guard and token authentication as in production:
// the process's database is a fresh one of this test's.
const dbName = uniqueDatabaseName('admin_tokens');
process.env.SHIPYARD_DATABASE_NAME = dbName;
process.env.AUTH_SECRET ??= 'x'.repeat(40);
const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
let me: Handler;
let listAll: Handler;
let revoke: Handler;
let db: DatabaseHandle;
let admin: Account;
let owner: Account;

beforeAll(async () => {
  const [meRoute, listRoute, revokeRoute] = await Promise.all([
    import('@/app/api/v1/me/route'),
    import('@/app/api/v1/admin/tokens/route'),
    import('@/app/api/v1/admin/tokens/[id]/route'),
  ]);
  // The routes without a dynamic segment ignore params; one signature serves all three.
  me = (request) => meRoute.GET(request, { params: Promise.resolve({}) });
  listAll = (request) => listRoute.GET(request, { params: Promise.resolve({}) });
  revoke = revokeRoute.DELETE;
  const { getDatabase } = await import('@/lib/server/services');
  db = await getDatabase(); // migrated and seeded, as the console does
  admin = await createAccount(db, { username: 'tok-admin', passwordHash: HASH, role: 'admin', mustChangePassword: false });
  owner = await createAccount(db, { username: 'tok-owner', passwordHash: HASH, role: 'viewer', mustChangePassword: false });
});
afterAll(async () => {
  const cleanup = connectTestDatabase(dbName);
  await cleanup.run(cleanup.r.dbDrop(dbName)).catch(() => undefined);
  await cleanup.close();
});

const call = (handler: Handler, method: string, path: string, secret: string, params = { id: '' }) =>
  handler(new Request(`http://console.test/api/v1${path}`, { method, headers: { authorization: `Bearer ${secret}`, [CLIENT_ADDRESS_HEADER]: '192.0.2.44' } }), {
    params: Promise.resolve(params),
  });

describe("an admin and everyone's API tokens", () => {
  it('lists every token with its owner and never a secret; a revoked token is refused on the very next request', async () => {
    const { secret: adminSecret } = await createOwnToken(db, accountUser(admin, { kind: 'session' }), { name: 'admin-ci', expiresInDays: 1, readOnly: false }, 'x');
    const { token, secret } = await createOwnToken(db, accountUser(owner, { kind: 'session' }), { name: 'owner-script', expiresInDays: 30, readOnly: true }, 'x');

    expect((await call(me, 'GET', '/me', secret)).status).toBe(200);
    // The owner (a viewer) may not see the others' tokens.
    expect((await call(listAll, 'GET', '/admin/tokens', secret)).status).toBe(403);

    const listed = await call(listAll, 'GET', '/admin/tokens', adminSecret);
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toContain(secret);
    expect(text).not.toContain(adminSecret);
    expect(text).not.toMatch(/tokenHash|[a-f0-9]{64}/);
    const { tokens } = JSON.parse(text) as { tokens: { id: string; name: string; owner: { username: string }; readOnly: boolean; status: string; lastUsedAt: string | null }[] };
    expect(tokens.find((entry) => entry.id === token.id)).toMatchObject({ name: 'owner-script', owner: { username: 'tok-owner' }, readOnly: true, status: 'active' });
    expect(tokens.find((entry) => entry.id === token.id)?.lastUsedAt).not.toBeNull();
    expect(tokens.map((entry) => entry.name).sort()).toEqual(['admin-ci', 'owner-script']);

    const revoked = await call(revoke, 'DELETE', `/admin/tokens/${token.id}`, adminSecret, { id: token.id });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { token: { status: string } }).token.status).toBe('revoked');

    const refused = await call(me, 'GET', '/me', secret);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/^The API token "owner-script" was revoked on /);

    const [event] = await searchEvents(db, { action: 'token.revoke', limit: 1 });
    expect(event).toMatchObject({ actor: 'tok-admin', target: 'owner-script', outcome: 'success', address: '192.0.2.44', details: { owner: 'tok-owner' } });
  });

  it('answers 404 for an unknown token, and a read-only token cannot revoke', async () => {
    const { secret: adminSecret } = await createOwnToken(db, accountUser(admin, { kind: 'session' }), { name: 'admin-ro', expiresInDays: 1, readOnly: true }, 'x');
    const nobody = '00000000-0000-4000-8000-000000000000';
    const readOnly = await call(revoke, 'DELETE', `/admin/tokens/${nobody}`, adminSecret, { id: nobody });
    expect(readOnly.status).toBe(403);
    const { secret: fullSecret } = await createOwnToken(db, accountUser(admin, { kind: 'session' }), { name: 'admin-full', expiresInDays: 1, readOnly: false }, 'x');
    const missing = await call(revoke, 'DELETE', `/admin/tokens/${nobody}`, fullSecret, { id: nobody });
    expect(missing.status).toBe(404);
  });
});
