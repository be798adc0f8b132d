// Path parameters through real route handlers (withSession), to the real engine: a parameter that
// would change the URL dockerode builds is a 400 before anything is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountUser } from '@/lib/auth/account-user';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createOwnToken } from '@/lib/tokens/manage-tokens';
import { createAccount } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';

const dbName = uniqueDatabaseName('route_params');
process.env.SHIPYARD_DATABASE_NAME = dbName;
process.env.AUTH_SECRET ??= 'x'.repeat(40);
const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';

type Route = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
let inspectNetwork: Route;
let imageHistory: Route;
let token: string;

beforeAll(async () => {
  ({ GET: inspectNetwork } = await import('@/app/api/v1/networks/[id]/route'));
  ({ GET: imageHistory } = await import('@/app/api/v1/images/[id]/history/route'));
  const { getDatabase } = await import('@/lib/server/services');
  const db = await getDatabase();
  const admin = await createAccount(db, { username: 'params-admin', passwordHash: HASH, role: 'admin', mustChangePassword: false });
  ({ secret: token } = await createOwnToken(db, accountUser(admin, { kind: 'session' }), { name: 'params', expiresInDays: 1, readOnly: true }, 'test'));
});
afterAll(async () => {
  const cleanup = connectTestDatabase(dbName);
  await cleanup.run(cleanup.r.dbDrop(dbName)).catch(() => undefined);
  await cleanup.close();
});

async function get(route: Route, path: string, id: string | Promise<never>) {
  const request = new Request(`http://console.test${path}`, { headers: { authorization: `Bearer ${token}`, [CLIENT_ADDRESS_HEADER]: '192.0.2.50' } });
  const response = await route(request, { params: typeof id === 'string' ? Promise.resolve({ id }) : id });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
}

describe('path parameters on the REST API', () => {
  it('reach the engine when clean', async () => {
    expect((await get(inspectNetwork, '/api/v1/networks/bridge', 'bridge')).status).toBe(200);
  });

  it('never smuggle a query string into the engine call (%3F decoded by Next): 400 naming the parameter', async () => {
    const smuggled = await get(inspectNetwork, '/api/v1/networks/bridge%3Fverbose=true', 'bridge?verbose=true');
    expect(smuggled).toEqual({ status: 400, body: { error: { code: 'BAD_REQUEST', message: 'The path parameter id may not contain ?, #, \\ or control characters' } } });
    expect((await get(inspectNetwork, '/api/v1/networks/..%2Fcontainers', '../containers')).status).toBe(400);
    // Image routes take slashes, but no dot segments and no query either.
    expect((await get(imageHistory, '/api/v1/images/a%2F..%2F..%2Fcontainers%2Fjson/history', 'a/../../containers/json')).status).toBe(400);
    expect((await get(imageHistory, '/api/v1/images/alpine%253F/history', 'alpine%3F')).status).toBe(400);
  });

  it('answers bad percent-encoding and invalid UTF-8 with a 400, never a 500', async () => {
    expect((await get(inspectNetwork, '/api/v1/networks/x%FF', 'x%FF')).status).toBe(400);
    const undecodable = await get(inspectNetwork, '/api/v1/networks/x%E0%A4%A', Promise.reject(new URIError('URI malformed')));
    expect(undecodable).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
  });
});
