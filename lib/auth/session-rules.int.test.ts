// The session rules end to end: the REST API's guard on real route handlers (API tokens), and the
// exec WebSocket on a real HTTP server with the console's upgrade dispatcher (session cookies),
// against the real database. A call the guard lets through reaches the handler: for the WebSocket
// that is a 404 for a container that does not exist.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { changeOwnPassword } from '@/lib/accounts/change-password';
import type { ContainerContext } from '@/lib/engines/context';
import { engineHandlesFrom, stopEngines } from '@/lib/engines/engines';
import { execUpgradeRoute } from '@/lib/exec/exec-upgrade';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { dispatchUpgrades, type UpgradeRoute } from '@/lib/server/upgrade-dispatch';
import { createOwnToken } from '@/lib/tokens/manage-tokens';
import { createAccount, findAccountById, onAccountChanged, type Account, type DatabaseHandle } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import { accountUser } from './account-user';
import { CallerCache } from './caller-cache';
import { endSignedOutSessions } from './end-session';
import { hashPassword } from './password';

const dbName = uniqueDatabaseName('session_rules');
process.env.SHIPYARD_DATABASE_NAME = dbName;
process.env.SHIPYARD_BCRYPT_COST = '4';
process.env.AUTH_SECRET ??= 'x'.repeat(40);
const run = randomBytes(4).toString('hex');
const SECRET = randomBytes(33).toString('base64');
const COOKIE = 'authjs.session-token';
const PASSWORD = 'initial-password-1';
const MISSING = `syauth-missing-${run}`;

type Handler = (request: Request) => Promise<Response>;
let db: DatabaseHandle;
let context: ContainerContext;
let route: UpgradeRoute;
const servers: Server[] = [];
let untrusting: string;
let trusting: string;
const rest: Record<'me' | 'listTokens' | 'createToken' | 'changePassword', Handler> = {} as Record<'me' | 'listTokens' | 'createToken' | 'changePassword', Handler>;

async function serve(trustProxy: number): Promise<string> {
  const server = createServer((_request, response) => response.writeHead(404).end());
  dispatchUpgrades(server, { 'container-exec': route }, { trustProxy });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const { getDatabase } = await import('@/lib/server/services');
  db = await getDatabase();
  const noParams = { params: Promise.resolve({}) };
  const me = await import('@/app/api/v1/me/route');
  const tokens = await import('@/app/api/v1/tokens/route');
  const password = await import('@/app/api/v1/account/password/route');
  rest.me = (request) => me.GET(request, noParams);
  rest.listTokens = (request) => tokens.GET(request, noParams);
  rest.createToken = (request) => tokens.POST(request, noParams);
  rest.changePassword = (request) => password.POST(request, noParams);
  context = { handles: engineHandlesFrom({ SHIPYARD_DOCKER: process.env.SHIPYARD_DOCKER }), flatNetwork: null };
  route = execUpgradeRoute({ database: async () => db, context: () => context, secret: () => SECRET });
  untrusting = await serve(0);
  trusting = await serve(1);
});

afterAll(async () => {
  route?.close();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  if (context) stopEngines(context.handles);
  const cleanup = connectTestDatabase(dbName);
  await cleanup.run(cleanup.r.dbDrop(dbName)).catch(() => undefined);
  await cleanup.close();
});

async function account(label: string, mustChangePassword: boolean): Promise<Account> {
  return createAccount(db, { username: `${label}-${run}`, passwordHash: await hashPassword(PASSWORD), role: 'operator', mustChangePassword, grants: [] });
}

async function sessionCookie(subject: Account, signedInAt: number): Promise<string> {
  return `${COOKIE}=${await encode({ token: { sub: subject.id, signedInAt }, secret: SECRET, salt: COOKIE, maxAge: 3600 })}`;
}

/** The HTTP status the exec WebSocket's handshake is answered with, and the error message. */
function handshake(base: string, headers: Record<string, string>): Promise<{ status: number; message: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base}/api/v1/containers/${MISSING}/exec`, { headers });
    socket.once('open', () => {
      socket.close();
      reject(new Error('the upgrade was accepted'));
    });
    socket.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, message: (JSON.parse(text) as { error: { message: string } }).error.message }));
    });
    socket.once('error', reject);
  });
}

function call(handler: Handler, method: string, path: string, token: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, [CLIENT_ADDRESS_HEADER]: '192.0.2.40' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return handler(new Request(`http://console.test${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}

describe('an account that must change its password', () => {
  it('may read /api/v1/me and change the password, and is refused everything else with a 403 that says why, until it has', async () => {
    const fresh = await account('must-change', true);
    const { secret } = await createOwnToken(db, accountUser(fresh, { kind: 'session' }), { name: 'early', expiresInDays: 1, readOnly: false }, 'test');

    const me = await call(rest.me, 'GET', '/api/v1/me', secret);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
    for (const refused of [await call(rest.listTokens, 'GET', '/api/v1/tokens', secret), await call(rest.createToken, 'POST', '/api/v1/tokens', secret, { name: 'more', expiresInDays: 1 })]) {
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/^Change your password first: /);
    }
    // The exec WebSocket too, with a session cookie.
    const socket = await handshake(untrusting, { cookie: await sessionCookie(fresh, Date.now()) });
    expect(socket).toMatchObject({ status: 403, message: expect.stringMatching(/^Change your password first: /) });

    const wrong = await call(rest.changePassword, 'POST', '/api/v1/account/password', secret, { currentPassword: 'not-it', newPassword: 'a-brand-new-one-2' });
    expect(wrong.status).toBe(422);
    const changed = await call(rest.changePassword, 'POST', '/api/v1/account/password', secret, { currentPassword: PASSWORD, newPassword: 'a-brand-new-one-2' });
    expect(changed.status).toBe(204);
    expect((await call(rest.listTokens, 'GET', '/api/v1/tokens', secret)).status).toBe(200);
  });
});

describe('signing out and changing the password', () => {
  it('end the session on the server: a copied cookie is refused afterwards, a new sign-in works', async () => {
    const user = await account('signs-out', false);
    const signedInAt = Date.now() - 1_000;
    const copied = await sessionCookie(user, signedInAt);
    expect(await handshake(untrusting, { cookie: copied })).toMatchObject({ status: 404 });

    const signedOutAt = new Date();
    expect(await endSignedOutSessions(db, { token: { sub: user.id, signedInAt } }, signedOutAt)).toBe(true);
    expect(await handshake(untrusting, { cookie: copied })).toMatchObject({ status: 401 });
    const again = await sessionCookie(user, signedOutAt.getTime() + 1);
    expect(await handshake(untrusting, { cookie: again })).toMatchObject({ status: 404 });
    // Nothing to end without an account in the token.
    expect(await endSignedOutSessions(db, { token: null })).toBe(false);
    expect(await endSignedOutSessions(db, { session: null })).toBe(false);

    await changeOwnPassword(db, accountUser(user, { kind: 'session' }), { currentPassword: PASSWORD, newPassword: 'changed-password-3' }, 'test');
    expect(await handshake(untrusting, { cookie: again })).toMatchObject({ status: 401 });
  });

  it('empty the cached signed-in user of the account at once (the 3 s caller cache)', async () => {
    const user = await account('cached', false);
    const cache = new CallerCache();
    const stop = onAccountChanged((accountId) => cache.forgetAccount(accountId));
    try {
      cache.set('cookie-of-the-session', accountUser(user, { kind: 'session' }), cache.currentGeneration);
      await endSignedOutSessions(db, { token: { sub: user.id } });
      expect(cache.get('cookie-of-the-session')).toBeUndefined();
      expect((await findAccountById(db, user.id))?.sessionsEndedAt).toBeInstanceOf(Date);
    } finally {
      stop();
    }
  });
});

describe('X-Forwarded-Host', () => {
  it('is believed only with SHIPYARD_TRUST_PROXY: a cross-site page cannot pass the Origin check by sending it', async () => {
    const user = await account('forwarded', false);
    const headers = { cookie: await sessionCookie(user, Date.now()), origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    expect(await handshake(untrusting, headers)).toMatchObject({ status: 403, message: expect.stringContaining('Cross-site') });
    // Behind a trusted proxy the header is the browser's host, as before.
    expect(await handshake(trusting, headers)).toMatchObject({ status: 404 });
  });
});
