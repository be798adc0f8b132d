import { expect, test, type APIRequestContext } from '@playwright/test';
import type { ConsoleProcess } from './support/console-process';
import { apiRoutes, isMutation, upgradeRoutes, type ApiRoute, type Method } from './support/api-routes';
import { rawRequest } from './support/raw-request';
import { signInAtAndExpectDashboard, startOwnConsole } from './support/own-console';
import { signInAsAdmin } from './support/admin';

// Every route found under app/api and every WebSocket of the upgrade dispatcher's table, hit
// without credentials, as a viewer and with a read-only token; the limit on failed tokens; CSRF;
// session fixation; a few thousand bad bodies. On a console of its own.
test.describe.configure({ mode: 'serial' });

/** Routes anyone may call: health for probes, Auth.js's own sign-in endpoints, and webhook calls (the token in the path is the credential: 404 without a live one). */
const PUBLIC = ['/api/health', '/api/auth/[...nextauth]', '/api/v1/hooks/[token]'];
/** Mutations a viewer may make on their own account: change the password, manage their tokens. */
const VIEWER_SELF_SERVICE = ['POST /api/v1/account/password', 'POST /api/v1/tokens', 'DELETE /api/v1/tokens/[id]'];

const routes = apiRoutes();
const sockets = upgradeRoutes();
/** Forged tokens come from this loopback address: the limit they reach leaves 127.0.0.1 alone. */
const GUESSER = '127.0.0.2';
const guarded = routes.filter((route) => !PUBLIC.includes(route.pattern));
const calls = (list: ApiRoute[]) => list.flatMap((route) => route.methods.map((method) => ({ route, method })));

let shipyard: ConsoleProcess;
test.beforeAll(async () => {
  shipyard = await startOwnConsole('security');
});
test.afterAll(async () => {
  await shipyard.stop();
});

function send(api: APIRequestContext, method: Method, url: string, headers: Record<string, string> = {}, data?: unknown) {
  return api.fetch(url, { method, headers, data: data ?? (isMutation(method) ? {} : undefined), maxRedirects: 0 });
}

test('the route list is read from the file tree and knows every kind of route', () => {
  const patterns = routes.map((route) => route.pattern);
  for (const known of [...PUBLIC, '/api/v1/accounts', '/api/v1/accounts/[id]', '/api/v1/tokens/[id]', '/api/v1/events', '/api/v1/[...path]']) {
    expect(patterns).toContain(known);
  }
  expect(routes.every((route) => route.methods.length > 0)).toBe(true);
  for (const entry of VIEWER_SELF_SERVICE) {
    const [method, pattern] = entry.split(' ');
    expect(routes.find((route) => route.pattern === pattern)?.methods).toContain(method);
  }
});

test('every guarded route answers 401 JSON without credentials, and with a bad token until 20 a minute, then 429', async ({ playwright, page }) => {
  const api = await playwright.request.newContext();
  let forgedCount = 0;
  for (const { route, method } of calls(guarded)) {
    const url = `${shipyard.url}${route.path}`;
    const anonymous = await send(api, method, url);
    expect(anonymous.status(), `${method} ${route.pattern}`).toBe(401);
    if (method !== 'HEAD') expect((await anonymous.json()).error.code, `${method} ${route.pattern}`).toBe('UNAUTHORIZED');
    // X-Forwarded-For is not believed (no SHIPYARD_TRUST_PROXY): a new one each time changes nothing.
    const headers = { authorization: `Bearer shy_${'x'.repeat(43)}`, 'x-forwarded-for': `198.51.100.${forgedCount % 250}` };
    const forged = await rawRequest(url, { method, headers, localAddress: GUESSER });
    forgedCount += 1;
    if (forgedCount <= 20) {
      expect(forged.status, `${method} ${route.pattern} with a forged token`).toBe(401);
    } else {
      expect(forged.status, `${method} ${route.pattern} with forged token #${forgedCount}`).toBe(429);
      expect(Number(forged.headers['retry-after'])).toBeGreaterThan(0);
      if (method !== 'HEAD') expect(JSON.parse(forged.body).error.message).toMatch(/^Too many failed API token attempts from 127\.0\.0\.2: try again in \d+ s/);
    }
  }
  expect(forgedCount).toBeGreaterThan(20);
  await api.dispose();
  // The flood is one audit event; the guesser's address, not the forwarded ones.
  await signInAsAdmin(page, shipyard.url);
  const { events } = (await (await page.request.get(`${shipyard.url}/api/v1/events?action=auth.token.rate-limit`)).json()) as { events: { address: string }[] };
  expect(events.map((event) => event.address)).toEqual([GUESSER]);
});

test('a viewer gets 403 on every mutation but their own password and tokens; a read-only token on every one', async ({ browser, playwright }) => {
  const base = shipyard.url;
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin, base);
  const made = await admin.request.post(`${base}/api/v1/accounts`, { data: { username: 'vic', password: 'viewer-secret-9', role: 'viewer', mustChangePassword: false } });
  expect(made.status()).toBe(201);
  await adminContext.close();
  const viewerContext = await browser.newContext();
  const page = await viewerContext.newPage();
  await signInAtAndExpectDashboard(page, base, 'vic', 'viewer-secret-9');

  const token = await page.request.post(`${base}/api/v1/tokens`, { data: { name: 'ro', expiresInDays: 1, readOnly: true } });
  const { secret } = (await token.json()) as { secret: string };
  const tokenOnly = await playwright.request.newContext();

  for (const { route, method } of calls(guarded).filter((call) => isMutation(call.method))) {
    const url = `${base}${route.path}`;
    const asViewer = await send(page.request, method, url);
    if (VIEWER_SELF_SERVICE.includes(`${method} ${route.pattern}`)) {
      expect([401, 403], `${method} ${route.pattern} is the viewer's own business`).not.toContain(asViewer.status());
    } else {
      expect(asViewer.status(), `${method} ${route.pattern} as a viewer`).toBe(403);
    }
    const readOnly = await send(tokenOnly, method, url, { authorization: `Bearer ${secret}` });
    expect(readOnly.status(), `${method} ${route.pattern} with a read-only token`).toBe(403);
  }
  // The read-only token still reads.
  expect((await tokenOnly.get(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(200);
  await tokenOnly.dispose();
  await viewerContext.close();
});

test('every WebSocket route refuses without credentials (401), as a viewer and with a read-only token (403)', async ({ browser }) => {
  // Read from the dispatcher's own table: a new WebSocket is in this list the day it is served.
  expect(sockets.map((socket) => socket.pattern)).toContain('/api/v1/containers/[id]/exec');
  const base = shipyard.url;
  const viewerContext = await browser.newContext();
  const page = await viewerContext.newPage();
  await signInAtAndExpectDashboard(page, base, 'vic', 'viewer-secret-9');
  const cookie = (await viewerContext.cookies(base)).map((each) => `${each.name}=${each.value}`).join('; ');
  const made = await page.request.post(`${base}/api/v1/tokens`, { data: { name: 'ro-socket', expiresInDays: 1, readOnly: true } });
  const { secret } = (await made.json()) as { secret: string };
  for (const socket of sockets) {
    const url = `${base}${socket.path}`;
    const anonymous = await rawRequest(url, { upgrade: true });
    expect(anonymous.status, `${socket.pattern} without credentials`).toBe(401);
    expect(JSON.parse(anonymous.body).error.code).toBe('UNAUTHORIZED');
    const asViewer = await rawRequest(url, { upgrade: true, headers: { cookie, origin: base } });
    expect(asViewer.status, `${socket.pattern} as a viewer`).toBe(403);
    expect(JSON.parse(asViewer.body).error.message).toContain(socket.requires);
    const readOnly = await rawRequest(url, { upgrade: true, headers: { authorization: `Bearer ${secret}` } });
    expect(readOnly.status, `${socket.pattern} with a read-only token`).toBe(403);
  }
  await viewerContext.close();
});

test('CSRF: a cross-site POST with the session cookie is refused; a token is not a cookie, so Origin does not matter', async ({ page, playwright }) => {
  const base = shipyard.url;
  await signInAsAdmin(page, base);
  const evil = { origin: 'http://evil.example' };
  for (const [method, path] of [['POST', '/api/v1/accounts'], ['PATCH', '/api/v1/accounts/00000000-0000-4000-8000-000000000000'], ['PUT', '/api/v1/settings/audit-retention'], ['POST', '/api/v1/tokens']] as const) {
    const response = await send(page.request, method, `${base}${path}`, evil, { days: 5, name: 'x', expiresInDays: 1 });
    expect(response.status(), `${method} ${path}`).toBe(403);
    expect((await response.json()).error.message).toContain('Cross-site request refused');
  }
  const created = await page.request.post(`${base}/api/v1/tokens`, { data: { name: 'full', expiresInDays: 1 } });
  const { secret } = (await created.json()) as { secret: string };
  const api = await playwright.request.newContext();
  const viaToken = await api.post(`${base}/api/v1/accounts`, {
    headers: { ...evil, authorization: `Bearer ${secret}` },
    data: { username: 'made-by-token', password: 'token-made-pass-1', role: 'viewer' },
  });
  expect(viaToken.status()).toBe(201);
  // A token cannot mint another token (it would outlive its own expiry).
  const minted = await api.post(`${base}/api/v1/tokens`, { headers: { authorization: `Bearer ${secret}` }, data: { name: 'child', expiresInDays: 365 } });
  expect(minted.status()).toBe(403);
  await api.dispose();
});

test('session fixation: a session cookie planted before sign-in is replaced, and never works', async ({ page }) => {
  const base = shipyard.url;
  const planted = 'attacker-chosen-session-value';
  await page.context().addCookies([{ name: 'authjs.session-token', value: planted, url: base }]);
  expect((await page.request.get(`${base}/api/v1/me`)).status()).toBe(401);
  await signInAsAdmin(page, base);
  const session = (await page.context().cookies(base)).find((cookie) => cookie.name === 'authjs.session-token');
  expect(session?.value).toBeTruthy();
  expect(session?.value).not.toBe(planted);
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Lax');
});

/** A small seeded generator, so a failing body can be reproduced from its index. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const keys = ['username', 'password', 'role', 'grants', 'disabled', 'name', 'expiresInDays', 'readOnly', 'days', 'currentPassword', 'newPassword', '__proto__', 'constructor', '', 'x'.repeat(300)];
  const value = (depth: number): unknown => {
    switch (pick(['string', 'number', 'bool', 'null', 'array', 'object', 'huge', 'weird'] as const)) {
      case 'string':
        return pick(['', 'admin', 'viewer', 'root', 'accounts:write', 'containers:write', '\u0000', '😀'.repeat(50), '<script>', "' OR 1=1 --", '$where']);
      case 'number':
        return pick([0, -1, 1.5, 365, 366, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 3650]);
      case 'bool':
        return next() < 0.5;
      case 'null':
        return null;
      case 'array':
        return depth > 3 ? [] : Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
      case 'object':
        return depth > 3 ? {} : Object.fromEntries(Array.from({ length: Math.floor(next() * 5) }, () => [pick(keys), value(depth + 1)]));
      case 'huge':
        return 'a'.repeat(Math.floor(next() * 20_000));
      default:
        return pick([{ $reql_type$: 'TIME', epoch_time: 0 }, { $reql_type$: 'BINARY', data: 'AA==' }, [[[[[[]]]]]]]);
    }
  };
  const body = (): string | Buffer => {
    const kind = next();
    if (kind < 0.2) return pick(['{', '}', '[', 'nul', '{"a":}', '{"username": "x",}', '\u0000', 'true', '"str"', '42', '[]', '{"a":1}{"b":2}', '\uFEFF{}', '{'.repeat(5_000)]);
    if (kind < 0.25) return Buffer.from(Array.from({ length: 64 }, () => Math.floor(next() * 256)));
    return JSON.stringify(value(0));
  };
  return { body, pick };
}

test('a few thousand bad JSON bodies: never a 500, and the console keeps answering', async ({ page }) => {
  test.setTimeout(240_000);
  const base = shipyard.url;
  await signInAsAdmin(page, base);
  const targets = calls(guarded).filter(({ method }) => method === 'POST' || method === 'PUT' || method === 'PATCH');
  expect(targets.length).toBeGreaterThanOrEqual(5);
  const { body, pick } = generator(20_251_122);
  const TOTAL = 3_000;
  const statuses = new Map<number, number>();
  const jobs = Array.from({ length: TOTAL }, (_, index) => ({ index, target: pick(targets), data: body() }));
  // Eight at a time: a steady load, not a flood.
  for (let start = 0; start < jobs.length; start += 8) {
    await Promise.all(
      jobs.slice(start, start + 8).map(async ({ index, target, data }) => {
        const response = await page.request.fetch(`${base}${target.route.path}`, {
          method: target.method,
          headers: { 'content-type': 'application/json' },
          data,
        });
        statuses.set(response.status(), (statuses.get(response.status()) ?? 0) + 1);
        expect(response.status(), `body #${index} to ${target.method} ${target.route.pattern}`).toBeLessThan(500);
      }),
    );
  }
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(TOTAL);
  expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  expect(statuses.get(422) ?? 0).toBeGreaterThan(0);
  const health = await page.request.get(`${base}/api/health`);
  expect(health.status()).toBe(200);
  expect((await page.request.get(`${base}/api/v1/me`)).status()).toBe(200);
});
