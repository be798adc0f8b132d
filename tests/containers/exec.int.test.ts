// The exec console's WebSocket, end to end: a real HTTP server with the console's upgrade
// dispatcher, a real WebSocket client (ws), the real engine and database.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { accountUser } from '@/lib/auth/account-user';
import type { ContainerContext } from '@/lib/engines/context';
import { engineHandlesFrom, stopEngines } from '@/lib/engines/engines';
import { execUpgradeRoute } from '@/lib/exec/exec-upgrade';
import type { UpgradeRoute } from '@/lib/server/upgrade-dispatch';
import { dispatchUpgrades } from '@/lib/server/upgrade-dispatch';
import { createOwnToken } from '@/lib/tokens/manage-tokens';
import { createAccount, searchEvents, updateAccountSettings, type Account, type DatabaseHandle } from '@/prisma-free-db';
import { openTestDatabase } from '@/prisma-free-db/testing/test-database';
import { docker, dockerOk, testImage } from '../ipam/support/docker-cli';

const run = randomBytes(4).toString('hex');
const LABEL = `io.shipyard.test=exec-int-${run}`;
const SECRET = randomBytes(33).toString('base64');
const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';
const COOKIE = 'authjs.session-token';

let db: DatabaseHandle;
let dispose: () => Promise<void>;
let context: ContainerContext;
let server: Server;
let route: UpgradeRoute;
let base: string;
let operator: Account;
let viewer: Account;
let running: string;
let stopped: string;

function name(suffix: string): string {
  return `syexec-${run}-${suffix}`;
}

async function sessionCookie(account: Account): Promise<string> {
  const token = await encode({ token: { sub: account.id, signedInAt: Date.now() }, secret: SECRET, salt: COOKIE, maxAge: 3600 });
  return `${COOKIE}=${token}`;
}

function execUrl(container: string, query: Record<string, string> = {}): string {
  return `${base.replace('http', 'ws')}/api/v1/containers/${container}/exec?${new URLSearchParams(query)}`;
}

/**
 * Opens a socket; resolves when it is open, or with the HTTP refusal (status, JSON body and
 * Retry-After). `localAddress`: another loopback address to connect from (another caller).
 */
function connect(
  url: string,
  headers: Record<string, string>,
  localAddress?: string,
): Promise<{ socket: WebSocket } | { status: number; retryAfter: string | undefined; body: { error: { code: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, ...(localAddress ? { localAddress } : {}) });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'], body: JSON.parse(text) as { error: { code: string; message: string } } }),
      );
    });
    socket.once('error', reject);
  });
}

async function open(url: string, headers: Record<string, string>): Promise<Terminal> {
  const result = await connect(url, headers);
  if (!('socket' in result)) throw new Error(`refused: ${result.status} ${JSON.stringify(result.body)}`);
  return new Terminal(result.socket);
}

async function refusal(url: string, headers: Record<string, string>, localAddress?: string) {
  const result = await connect(url, headers, localAddress);
  if ('socket' in result) {
    result.socket.close();
    throw new Error('the upgrade was accepted');
  }
  return result;
}

/** The client side of a console session: everything the TTY printed, the control messages, the close. */
class Terminal {
  output = '';
  controls: unknown[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
      if (!isBinary) return void this.controls.push(JSON.parse(text));
      this.output += text;
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  type(text: string): void {
    this.socket.send(Buffer.from(text), { binary: true });
  }

  private prompts = 0;

  /**
   * Types a line once the shell shows its next prompt: busybox's line editor asks for the cursor
   * position there (ESC[6n, which xterm.js would answer; it goes on without) and drops what was
   * typed before it was ready.
   */
  async typeAtPrompt(text: string): Promise<void> {
    this.prompts += 1;
    const count = this.prompts;
    await this.waitUntil(() => this.output.split('\u001b[6n').length - 1 >= count, `prompt ${count}`);
    this.type(text);
  }

  async waitFor(pattern: RegExp): Promise<void> {
    await this.waitUntil(() => pattern.test(this.output), String(pattern));
  }

  private async waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`no ${what} in the terminal output: ${JSON.stringify(this.output)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function eventsOf(action: string) {
  return (await searchEvents(db, { action, limit: 50 })).filter((event) => event.target?.endsWith(name('box')) || event.target?.endsWith(name('off')));
}

async function waitForEvent(action: string, predicate: (details: Record<string, unknown>) => boolean) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = (await eventsOf(action)).find((event) => predicate(event.details));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${action} event`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  ({ db, dispose } = await openTestDatabase('exec'));
  operator = await createAccount(db, { username: `exec-op-${run}`, passwordHash: HASH, role: 'operator', mustChangePassword: false, grants: [] });
  viewer = await createAccount(db, { username: `exec-viewer-${run}`, passwordHash: HASH, role: 'viewer', mustChangePassword: false, grants: [] });
  context = { handles: engineHandlesFrom({ SHIPYARD_DOCKER: process.env.SHIPYARD_DOCKER }), flatNetwork: null };
  running = await dockerOk('run', '-d', '--name', name('box'), '--label', LABEL, '--stop-timeout', '1', testImage(), 'sleep', '3600');
  stopped = await dockerOk('create', '--name', name('off'), '--label', LABEL, testImage(), 'sleep', '3600');
  route = execUpgradeRoute({ database: async () => db, context: () => context, secret: () => SECRET });
  server = createServer((_request, response) => response.writeHead(404).end());
  dispatchUpgrades(server, { 'container-exec': route }, { trustProxy: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  route?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  const left = await docker('ps', '-aq', '--filter', `label=${LABEL}`);
  if (left.stdout) await docker('rm', '-f', ...left.stdout.split('\n'));
  if (context) stopEngines(context.handles);
  await dispose?.();
});

describe('the exec console WebSocket', () => {
  it('runs a shell: typed commands come back, resize changes the TTY size, exit ends the session with its code, all audited', async () => {
    const terminal = await open(execUrl(name('box'), { cols: '100', rows: '30' }), { cookie: await sessionCookie(operator), origin: base });
    await terminal.typeAtPrompt('echo hello-$RANDOM\n');
    // The echo of the typed line shows $RANDOM; only the shell's output has the digits.
    await terminal.waitFor(/hello-\d+/);

    await terminal.typeAtPrompt('stty size\n');
    await terminal.waitFor(/^30 100\r?$/m);
    terminal.socket.send(JSON.stringify({ type: 'resize', cols: 123, rows: 45 }));
    await terminal.typeAtPrompt('stty size\n');
    await terminal.waitFor(/^45 123\r?$/m);

    terminal.socket.send('not json');
    await expect.poll(() => terminal.controls).toContainEqual(expect.objectContaining({ type: 'error', message: expect.stringContaining('control messages') }));

    await terminal.typeAtPrompt('exit 3\n');
    expect(await terminal.closed).toEqual({ code: 1000, reason: 'the command exited' });
    expect(terminal.controls).toContainEqual({ type: 'exit', exitCode: 3 });

    const [started] = await eventsOf('container.exec');
    expect(started).toMatchObject({ actor: operator.username, outcome: 'success', details: { command: 'sh' } });
    expect(started?.target).toMatch(new RegExp(`/${name('box')}$`));
    const ended = await waitForEvent('container.exec.end', (details) => details.exitCode === 3);
    expect(ended).toMatchObject({ actor: operator.username, outcome: 'success', details: { command: 'sh', endedBy: 'command', exitCode: 3 } });
  });

  it('runs the command given, with an API token too; closing the socket ends the exec and is audited', async () => {
    const { secret } = await createOwnToken(db, accountUser(operator, { kind: 'session' }), { name: `exec-${run}`, expiresInDays: 1, readOnly: false }, 'test');
    const terminal = await open(execUrl(running, { command: 'sh -i' }), { authorization: `Bearer ${secret}` });
    await terminal.typeAtPrompt('echo token-$((6*7))\n');
    await terminal.waitFor(/token-42/);
    await terminal.typeAtPrompt('sleep 555\n');
    await expect.poll(async () => (await dockerOk('top', running)).includes('sleep 555'), { timeout: 10_000 }).toBe(true);
    terminal.socket.close();
    await terminal.closed;
    const ended = await waitForEvent('container.exec.end', (details) => details.command === 'sh -i');
    expect(ended.details).toMatchObject({ endedBy: 'client', exitCode: 'none' });
    // The shell's terminal is hung up: neither it nor what it ran stays behind in the container.
    await expect.poll(async () => (await dockerOk('top', running)).includes('sleep 555'), { timeout: 10_000 }).toBe(false);
  });

  it('refuses without credentials (401), a viewer, a read-only token and a cross-site page (403), a disabled account (401)', async () => {
    const anonymous = await refusal(execUrl(running), {});
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect(anonymous.body.error.message).toContain('Sign in first');

    const asViewer = await refusal(execUrl(running), { cookie: await sessionCookie(viewer), origin: base });
    expect(asViewer).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN', message: expect.stringContaining('containers:write') } } });

    const { secret } = await createOwnToken(db, accountUser(operator, { kind: 'session' }), { name: `exec-ro-${run}`, expiresInDays: 1, readOnly: true }, 'test');
    const readOnly = await refusal(execUrl(running), { authorization: `Bearer ${secret}` });
    expect(readOnly).toMatchObject({ status: 403, body: { error: { message: expect.stringContaining('read-only') } } });

    const crossSite = await refusal(execUrl(running), { cookie: await sessionCookie(operator), origin: 'https://evil.example' });
    expect(crossSite).toMatchObject({ status: 403, body: { error: { message: expect.stringContaining('Cross-site') } } });

    const forged = await encode({ token: { sub: operator.id, signedInAt: Date.now() }, secret: 'another-secret-another-secret-another', salt: COOKIE });
    expect(await refusal(execUrl(running), { cookie: `${COOKIE}=${forged}` })).toMatchObject({ status: 401 });

    const disabled = await createAccount(db, { username: `exec-off-${run}`, passwordHash: HASH, role: 'admin', mustChangePassword: false, grants: [] });
    const cookie = await sessionCookie(disabled);
    await updateAccountSettings(db, disabled.id, { disabled: true });
    expect(await refusal(execUrl(running), { cookie })).toMatchObject({ status: 401 });
    // A viewer granted containers:write may.
    const granted = await createAccount(db, { username: `exec-granted-${run}`, passwordHash: HASH, role: 'viewer', mustChangePassword: false, grants: ['containers:write'] });
    const terminal = await open(execUrl(running), { cookie: await sessionCookie(granted) });
    await terminal.typeAtPrompt('exit\n');
    expect((await terminal.closed).code).toBe(1000);
  });

  it('answers a stopped or unknown container, a bad query and an unknown path with their status and words', async () => {
    const cookie = await sessionCookie(operator);
    expect(await refusal(execUrl(stopped), { cookie })).toMatchObject({ status: 409, body: { error: { message: expect.stringContaining('start it to open a console') } } });
    expect(await refusal(execUrl(name('nowhere')), { cookie })).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const bad = await refusal(execUrl(running, { cols: '0', rows: '24' }), { cookie });
    expect(bad).toMatchObject({ status: 422, body: { error: { code: 'VALIDATION_FAILED', message: 'cols: cols: at least 1' } } });
    expect(await refusal(execUrl(running, { command: 'sh\u0007' }), { cookie })).toMatchObject({ status: 422 });
    expect(await refusal(execUrl(running, { command: `sh -c 'echo open` }), { cookie })).toMatchObject({
      status: 422,
      body: { error: { message: expect.stringContaining('single quote is not closed') } },
    });
    expect(await refusal(execUrl('%E0%A4%A'), { cookie })).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
    expect(await refusal(`${base.replace('http', 'ws')}/somewhere/else`, { cookie })).toMatchObject({ status: 404, body: { error: { message: 'No WebSocket is served at /somewhere/else' } } });
  });

  it('runs a quoted command as a shell would split it: sh -c gets the whole quoted script', async () => {
    const cookie = await sessionCookie(operator);
    const terminal = await open(execUrl(running, { command: `sh -c 'echo "quoted  words"; exit 4'` }), { cookie, origin: base });
    await terminal.waitFor(/quoted {2}words/);
    await terminal.closed;
    const ended = await waitForEvent('container.exec.end', (details) => typeof details.command === 'string' && details.command.startsWith('sh -c'));
    expect(ended.details).toMatchObject({ exitCode: 4 });
  });

  it('delivers a large output whole (3 MB, paced by the socket)', async () => {
    const terminal = await open(execUrl(running), { cookie: await sessionCookie(operator) });
    await terminal.typeAtPrompt("head -c 3000000 /dev/zero | tr '\\0' x; echo; echo done-$((40+2))\n");
    await terminal.waitFor(/done-42/);
    expect(terminal.output.split('x').length - 1).toBeGreaterThanOrEqual(3_000_000);
    terminal.socket.close();
    await terminal.closed;
  });

  it('reports a command that does not exist as its exit code, and audits the session', async () => {
    const terminal = await open(execUrl(running, { command: 'no-such-command-here' }), { cookie: await sessionCookie(operator) });
    const { code } = await terminal.closed;
    expect(code).toBe(1000);
    expect(terminal.controls).toContainEqual({ type: 'exit', exitCode: expect.any(Number) });
    expect((terminal.controls[0] as { exitCode: number }).exitCode).toBeGreaterThan(0);
    await waitForEvent('container.exec.end', (details) => details.command === 'no-such-command-here');
  });

  it('limits failed tokens per socket address (X-Forwarded-For is not believed): 429 with Retry-After, audited once; a valid token still works', async () => {
    const caller = '127.0.0.3';
    const forged = `shy_${'F'.repeat(43)}`;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      // A new "address" each time in the header: without SHIPYARD_TRUST_PROXY it changes nothing.
      const refused = await refusal(execUrl(running), { authorization: `Bearer ${forged}`, 'x-forwarded-for': `198.51.100.${attempt}` }, caller);
      expect(refused.status, `attempt ${attempt + 1}`).toBe(401);
    }
    const { secret } = await createOwnToken(db, accountUser(operator, { kind: 'session' }), { name: `exec-limit-${run}`, expiresInDays: 1, readOnly: false }, 'test');
    const limited = await refusal(execUrl(running), { authorization: `Bearer ${forged}`, 'x-forwarded-for': '198.51.100.99' }, caller);
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many failed API token attempts from 127\.0\.0\.3: try again in \d+ s/) } } });
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    // A valid token is let in, from the limited caller too: the limit stops guessing, not the address.
    for (const localAddress of [caller, undefined]) {
      const result = await connect(execUrl(running), { authorization: `Bearer ${secret}` }, localAddress);
      if (!('socket' in result)) throw new Error(`refused: ${result.status} ${JSON.stringify(result.body)}`);
      const terminal = new Terminal(result.socket);
      await terminal.typeAtPrompt('exit\n');
      expect((await terminal.closed).code).toBe(1000);
    }
    // The action filter is a prefix (auth.token also finds auth.token.rate-limit): count the refusals alone.
    const failures = (await searchEvents(db, { action: 'auth.token', limit: 200 })).filter((event) => event.action === 'auth.token' && event.address === caller);
    expect(failures).toHaveLength(20);
    expect((await searchEvents(db, { action: 'auth.token.rate-limit', limit: 10 })).map((event) => event.address)).toEqual([caller]);
  });
});
