// The Docker API gateway's limits, with the real docker CLI and plain HTTP against the real engine
// and database: named volumes with driver options in service mounts, the caller's address, and
// the limit on failed token attempts (last: it blocks this test's own address).
import http from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountUser } from '@/lib/auth/account-user';
import { createOwnToken } from '@/lib/tokens/manage-tokens';
import { createAccount, migrate, searchEvents, type DatabaseHandle, type Role } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import type { DockerGateway } from './start-gateway';
import { type CliResult, runDockerCli, throughGateway } from '@/tests/support/docker-cli';
import { startGatewayOnFreePort } from '@/tests/support/gateway-on-free-port';

const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';
const IMAGE = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const stamp = `gwlimits-${Date.now().toString(36)}`;
const name = (what: string) => `${stamp}-${what}`;

let gateway: DockerGateway;
let database: DatabaseHandle;
let databaseName: string;
const configDirs: string[] = [];
const config = { admin: '', operator: '' };
const tokens = { admin: '', operator: '' };

/** Runs the docker CLI through the gateway (`configDir`) or, with null, at the engine itself (clean-up). */
function docker(configDir: string | null, args: string[]): Promise<CliResult> {
  const target = configDir === null ? ['-H', process.env.SHIPYARD_DOCKER ?? ''] : throughGateway(gateway.address, configDir);
  return runDockerCli(target, args);
}

async function cliConfigFor(username: string, role: Role): Promise<{ dir: string; secret: string }> {
  const account = await createAccount(database, { username, passwordHash: HASH, role, mustChangePassword: false, grants: [] });
  const { secret } = await createOwnToken(database, accountUser(account, { kind: 'session' }), { name: 'docker cli', expiresInDays: 1, readOnly: false }, '127.0.0.1');
  const dir = await mkdtemp(join(tmpdir(), 'shipyard-gateway-limits-'));
  configDirs.push(dir);
  await writeFile(join(dir, 'config.json'), JSON.stringify({ HttpHeaders: { 'X-Access-Token': `${username}:${secret}` } }));
  return { dir, secret };
}

/** The gateway on the first free port of 23760-23769 (gateway.int.test.ts uses 23750-23759). */
async function startOnFreePort(): Promise<DockerGateway> {
  return startGatewayOnFreePort([23760, 23769], { SHIPYARD_DATABASE_NAME: databaseName, SHIPYARD_TRUST_PROXY: '' });
}

/** Audit rows are written as each call ends: wait until `count` of them match. */
async function gatewayEvents(predicate: (event: Awaited<ReturnType<typeof searchEvents>>[number]) => boolean, count: number) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const found = (await searchEvents(database, { action: 'gateway.call', limit: 1000 })).filter(predicate);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  databaseName = uniqueDatabaseName('gateway_limits');
  database = connectTestDatabase(databaseName);
  await migrate(database);
  gateway = await startOnFreePort();
  const admin = await cliConfigFor(`${stamp}-admin`, 'admin');
  const operator = await cliConfigFor(`${stamp}-op`, 'operator');
  config.admin = admin.dir;
  config.operator = operator.dir;
  tokens.admin = admin.secret;
  tokens.operator = operator.secret;
});

afterAll(async () => {
  const services = await docker(null, ['service', 'ls', '-q', '--filter', `name=${stamp}`]);
  const serviceIds = services.stdout.split('\n').filter(Boolean);
  if (serviceIds.length > 0) await docker(null, ['service', 'rm', ...serviceIds]);
  // Volumes stay in use until the services' tasks are gone.
  for (let attempt = 0; attempt < 20; attempt++) {
    const volumes = (await docker(null, ['volume', 'ls', '-q', '--filter', `name=${stamp}`])).stdout.split('\n').filter(Boolean);
    if (volumes.length === 0) break;
    await docker(null, ['volume', 'rm', '-f', ...volumes]);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await gateway?.close();
  if (database) {
    await database.run(database.r.dbDrop(databaseName)).catch(() => undefined);
    await database.close();
  }
  await Promise.all(configDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the Docker API gateway, hardened', () => {
  it("refuses a non-admin's service that mounts a named volume made with driver options, on create and update", async () => {
    const bound = name('bound');
    expect((await docker(config.admin, ['volume', 'create', '--opt', 'type=tmpfs', '--opt', 'device=tmpfs', '--opt', 'o=size=1m', bound])).code).toBe(0);
    const words = `Error response from daemon: Only an admin may use host-escaping options: the volume ${bound}, which was made with driver options. Your account has the operator role`;
    const created = await docker(config.operator, ['service', 'create', '--detach', '--name', name('svc-bound'), '--mount', `type=volume,src=${bound},dst=/data`, IMAGE, 'true']);
    expect(created.code).not.toBe(0);
    expect(created.stderr).toContain(words);

    // A named volume without options is the operator's to use; adding the bound one is not.
    const plain = name('svc-plain');
    const made = await docker(config.operator, ['service', 'create', '--detach', '--name', plain, '--restart-condition', 'none', '--mount', `type=volume,src=${name('plain')},dst=/data`, IMAGE, 'true']);
    expect(made.stderr).not.toContain('Error response from daemon');
    expect(made.code).toBe(0);
    const updated = await docker(config.operator, ['service', 'update', '--detach', '--mount-add', `type=volume,src=${bound},dst=/bound`, plain]);
    expect(updated.code).not.toBe(0);
    expect(updated.stderr).toContain(words);
    const mounts = await docker(config.admin, ['service', 'inspect', '--format', '{{range .Spec.TaskTemplate.ContainerSpec.Mounts}}{{.Source}} {{end}}', plain]);
    expect(mounts.stdout.trim()).toBe(name('plain'));

    // The admin may.
    const byAdmin = await docker(config.admin, ['service', 'create', '--detach', '--name', name('svc-admin'), '--restart-condition', 'none', '--mount', `type=volume,src=${bound},dst=/data`, IMAGE, 'true']);
    expect(byAdmin.code).toBe(0);
    expect((await docker(null, ['service', 'ls', '--format', '{{.Name}}', '--filter', `name=${name('svc-bound')}`])).stdout).toBe('');
  });

  it('records the socket address, not a forwarded one, without SHIPYARD_TRUST_PROXY', async () => {
    const version = await fetch(`http://${gateway.address}/v1.41/version`, { headers: { authorization: `Bearer ${tokens.operator}`, 'x-forwarded-for': '203.0.113.50' } });
    expect(version.status).toBe(200);
    const [event] = await gatewayEvents((event) => String(event.details.path) === '/v1.41/version', 1);
    expect(event).toMatchObject({ actor: `${stamp}-op`, address: '127.0.0.1' });
  });

  it('refuses every call of an account that must change its password, with a 403 that says so', async () => {
    const account = await createAccount(database, { username: `${stamp}-new`, passwordHash: HASH, role: 'admin', mustChangePassword: true, grants: [] });
    const { secret } = await createOwnToken(database, accountUser(account, { kind: 'session' }), { name: 'early', expiresInDays: 1, readOnly: false }, '127.0.0.1');
    const refused = await fetch(`http://${gateway.address}/v1.41/version`, { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^Change your password first: /);
  });

  it('answers 429 with Retry-After after 20 failed token attempts a minute, to the docker CLI too, and audits the flood once; a valid token still works', async () => {
    const url = `http://${gateway.address}/v1.41/containers/json`;
    const forged = `shy_${'G'.repeat(43)}`;
    for (let attempt = 0; attempt < 20; attempt++) {
      // Without a token, with an unknown one, or with a forwarded address: all count against the socket's.
      const headers: Record<string, string>[] = [{}, { authorization: `Bearer ${forged}` }, { 'x-access-token': `nobody:${forged}`, 'x-forwarded-for': `198.51.100.${attempt}` }];
      const refused = await fetch(url, { headers: headers[attempt % headers.length] });
      expect(refused.status, `attempt ${attempt + 1}`).toBe(401);
    }
    const limited = await fetch(url, { headers: { authorization: `Bearer ${forged}` } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { message: string }).message).toMatch(/^Too many failed API token attempts from 127\.0\.0\.1: try again in \d+ s \(after \d\d:\d\d:\d\d UTC\)/);
    for (let more = 0; more < 10; more++) expect((await fetch(url)).status).toBe(429);

    // A hijacked call (attach, exec start) is answered the same way on the raw connection.
    const hijack = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = http.request(`http://${gateway.address}/v1.41/containers/${name('any')}/attach?stream=1`, {
        method: 'POST',
        headers: { connection: 'Upgrade', upgrade: 'tcp', authorization: `Bearer ${forged}` },
      });
      request.once('response', resolve);
      request.once('upgrade', () => reject(new Error('the gateway upgraded a call over the limit')));
      request.once('error', reject);
      request.end();
    });
    hijack.resume();
    expect(hijack.statusCode).toBe(429);
    expect(Number(hijack.headers['retry-after'])).toBeGreaterThan(0);

    // The CLI with a guessed token prints when to try again; with a valid token it keeps working from
    // the same address (the limit stops guessing, not the address).
    const guesser = await mkdtemp(join(tmpdir(), 'shipyard-gateway-guesser-'));
    configDirs.push(guesser);
    await writeFile(join(guesser, 'config.json'), JSON.stringify({ HttpHeaders: { 'X-Access-Token': `nobody:${forged}` } }));
    const cli = await docker(guesser, ['ps']);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toMatch(/Error response from daemon: Too many failed API token attempts from 127\.0\.0\.1: try again in \d+ s/);
    expect((await docker(config.admin, ['ps'])).code).toBe(0);

    const refusals = await gatewayEvents((event) => event.actor === null && event.details.status === 401, 20);
    expect(refusals).toHaveLength(20);
    expect(await gatewayEvents((event) => event.details.status === 429, 1)).toEqual([]);
    const hits = await searchEvents(database, { action: 'auth.token.rate-limit', limit: 10 });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ address: '127.0.0.1', outcome: 'failure', details: { reason: 'token rate limit hit', maxFailures: 20 } });
  });
});
