// The gateway and the secrets grant, against the real swarm: an operator without it is refused
// secrets, configs and a service that mounts one; an operator an admin granted secrets:write may
// create a secret (its value in no answer), attach it to a service, and remove both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountUser } from '@/lib/auth/account-user';
import { createOwnToken } from '@/lib/tokens/manage-tokens';
import { createAccount, migrate, type DatabaseHandle } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import { docker } from '@/tests/ipam/support/docker-cli';
import type { DockerGateway } from './start-gateway';
import { startGatewayOnFreePort } from '@/tests/support/gateway-on-free-port';

const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';
const IMAGE = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const stamp = `gwsecret-${Date.now().toString(36)}`;
const VALUE = `gw-value-${stamp}`;
const tokens = { plain: '', granted: '' };
let gateway: DockerGateway;
let database: DatabaseHandle;
let databaseName: string;

async function tokenFor(username: string, grants: ('secrets:write' | 'secrets:read')[]): Promise<string> {
  const account = await createAccount(database, { username, passwordHash: HASH, role: 'operator', mustChangePassword: false, grants });
  return (await createOwnToken(database, accountUser(account, { kind: 'session' }), { name: 'cli', expiresInDays: 1, readOnly: false }, '127.0.0.1')).secret;
}

/** The gateway on the first free port of 23790-23799 (the other gateway suites use 23750-23779). */
async function startOnFreePort(): Promise<DockerGateway> {
  return startGatewayOnFreePort([23790, 23799], { SHIPYARD_DATABASE_NAME: databaseName, SHIPYARD_TRUST_PROXY: '' });
}

async function call(who: keyof typeof tokens, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://${gateway.address}/v1.41${path}`, {
    method,
    headers: { Authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  databaseName = uniqueDatabaseName('gateway_secrets');
  database = connectTestDatabase(databaseName);
  await migrate(database);
  gateway = await startOnFreePort();
  tokens.plain = await tokenFor(`${stamp}-plain`, []);
  tokens.granted = await tokenFor(`${stamp}-granted`, ['secrets:write']);
});

afterAll(async () => {
  await docker('service', 'rm', `${stamp}-svc`, `${stamp}-refused`);
  await docker('secret', 'rm', `${stamp}-s`);
  await gateway?.close();
  if (database) {
    await database.run(database.r.dbDrop(databaseName)).catch(() => undefined);
    await database.close();
  }
});

describe('the gateway and the secrets grant', () => {
  it('refuses secrets, configs and a service mounting a secret to a plain operator', async () => {
    for (const [method, path, body] of [
      ['GET', '/secrets', undefined],
      ['GET', '/configs', undefined],
      ['POST', '/secrets/create', { Name: `${stamp}-s`, Data: Buffer.from(VALUE).toString('base64') }],
    ] as const) {
      const answer = await call('plain', method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.text).toContain('secrets:');
      expect(answer.text).not.toContain(VALUE);
    }
    const spec = { Name: `${stamp}-refused`, TaskTemplate: { ContainerSpec: { Image: IMAGE, Secrets: [{ SecretID: 'x', SecretName: 'x', File: { Name: 'x', UID: '0', GID: '0', Mode: 292 } }] } } };
    const refused = await call('plain', 'POST', '/services/create', spec);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('TaskTemplate.ContainerSpec.Secrets');
    expect((await docker('service', 'inspect', `${stamp}-refused`)).code).not.toBe(0);
  });

  it('lets a granted operator create a secret, mount it in a service, and remove both', async () => {
    const created = await call('granted', 'POST', '/secrets/create', { Name: `${stamp}-s`, Data: Buffer.from(VALUE).toString('base64') });
    expect(created.status, created.text).toBe(201);
    const { ID } = JSON.parse(created.text) as { ID: string };
    const inspected = await call('granted', 'GET', `/secrets/${ID}`);
    expect(inspected.status).toBe(200);
    expect(inspected.text).not.toContain(Buffer.from(VALUE).toString('base64'));
    const spec = { Name: `${stamp}-svc`, TaskTemplate: { ContainerSpec: { Image: IMAGE, Command: ['sleep', '600'], Secrets: [{ SecretID: ID, SecretName: `${stamp}-s`, File: { Name: 'x', UID: '0', GID: '0', Mode: 292 } }] } } };
    const service = await call('granted', 'POST', '/services/create', spec);
    expect(service.status, service.text).toBe(201);
    const inUse = await call('granted', 'DELETE', `/secrets/${ID}`);
    expect(inUse.status).toBeGreaterThanOrEqual(400);
    expect(inUse.text).toMatch(/in use/);
    expect((await call('granted', 'DELETE', `/services/${stamp}-svc`)).status).toBe(200);
    expect((await call('granted', 'DELETE', `/secrets/${ID}`)).status).toBe(204);
  });
});
