// Stacks with compose secrets and configs, private images and env files at rest, through the
// REST routes against the real swarm and database: a plain operator is refused before anything is
// made (naming the service and field); an operator granted secrets:write deploys with the files'
// contents in the request, the task reads them, the contents are in no answer, row or audit event,
// and the stack's secrets/configs go with it. A stack whose image lives in a private htpasswd
// registry (Debian's docker-registry on one of 5041-5049, stopped by pid) runs: each service was
// sent the saved login (--with-registry-auth); its stack hook redeploys from the stored file (a
// service lost meanwhile comes back) pinned to the newest digest. The env file is stored sealed.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/audit/actor';
import { accountUser } from '@/lib/auth/account-user';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createRegistryAudited } from '@/lib/registries/registry-mutations';
import { createOwnToken } from '@/lib/tokens/manage-tokens';
import { callWebhook } from '@/lib/webhooks/call-webhook';
import { createWebhookAudited } from '@/lib/webhooks/webhook-mutations';
import { createAccount, listEvents, TABLES, type DatabaseHandle } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import { docker, dockerOk, testImage } from '@/tests/ipam/support/docker-cli';
import { testEngineClient } from '@/tests/support/docker-client';
import { eventually } from '@/tests/support/eventually';
import { startTestRegistry, type TestRegistry } from '@/tests/support/test-registry';

const unique = randomBytes(4).toString('hex');
const dbName = uniqueDatabaseName('stacks_secrets');
process.env.SHIPYARD_DATABASE_NAME = dbName;
process.env.AUTH_SECRET ??= 'x'.repeat(40);
process.env.SHIPYARD_REGISTRY_KEY ??= `stack-key-${randomBytes(24).toString('hex')}`;
const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';
const stack = `sts${unique}`;
const privateStack = `stp${unique}`;
const secretValue = `pw-${randomBytes(12).toString('hex')}`;
const envValue = `envpw-${randomBytes(12).toString('hex')}`;
const credentials = { username: `robot-${unique}`, password: `s3cret-${randomBytes(8).toString('hex')}` };
const repository = `shipyard-stacks/app-${unique}`;

type Who = 'plain' | 'granted';
const tokens: Record<Who, string> = { plain: '', granted: '' };
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
let routes: { deploy: Handler; remove: Handler; version: Handler };
let db: DatabaseHandle;
let registry: TestRegistry | undefined;
let image = '';

async function call(route: Handler, who: Who, method: string, path: string, params: Record<string, string> = {}, body?: unknown) {
  const request = new Request(`http://console.test/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json', [CLIENT_ADDRESS_HEADER]: '192.0.2.78' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const response = await route(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, text, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> & { error?: { code: string; message: string; fields?: { path: string }[] } } };
}

const composeFile = `
services:
  app:
    image: \${IMAGE}
    command: ["sh", "-c", "cat /run/secrets/db_password; echo; cat /etc/app.conf; echo; sleep 600"]
    stop_grace_period: 1s
    secrets:
      - db_password
    configs:
      - source: app_conf
        target: /etc/app.conf
        mode: 0440
secrets:
  db_password:
    file: ./db_password.txt
configs:
  app_conf:
    file: ./app.conf
`;
const envFile = `IMAGE=${testImage()}\nUNUSED_PASSWORD=${envValue}\n`;
const files = { './db_password.txt': secretValue, 'app.conf': 'greeting=hello' };
const objectsOf = async (kind: 'secret' | 'config', name: string) => (await docker(kind, 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${name}`)).stdout.split('\n').filter(Boolean);

beforeAll(async () => {
  const { getServices, getDatabase } = await import('@/lib/server/services');
  getServices(); // plugs the policy gate in
  const collection = await import('@/app/api/v1/stacks/route');
  const one = await import('@/app/api/v1/stacks/[name]/route');
  routes = { deploy: collection.POST as Handler, remove: one.DELETE as Handler, version: (await import('@/app/api/v1/stacks/[name]/versions/[version]/route')).GET as Handler };
  db = await getDatabase();
  for (const who of ['plain', 'granted'] as Who[]) {
    const account = await createAccount(db, { username: `${stack}-${who}`, passwordHash: HASH, role: 'operator', mustChangePassword: false, grants: who === 'granted' ? ['secrets:write'] : [] });
    ({ secret: tokens[who] } = await createOwnToken(db, accountUser(account, { kind: 'session' }), { name: `${stack}-${who}`, expiresInDays: 1, readOnly: false }, 'test'));
  }
}, 60_000);

afterAll(async () => {
  const { removeStack } = await import('@/lib/stacks/stack-deploy');
  for (const name of [stack, privateStack]) await removeStack(testEngineClient(), name).catch(() => undefined);
  if (registry) {
    const address = registry.address;
    await eventually(async () => (await docker('ps', '-aq', '--filter', `label=com.docker.stack.namespace=${privateStack}`)).stdout, (ids) => ids === '').catch(() => undefined);
    const ids = (await docker('images', '-q', `${address}/${repository}`)).stdout.split('\n').filter(Boolean);
    if (ids.length > 0) await docker('image', 'rm', '-f', ...new Set(ids));
    await registry.stop();
  }
  const cleanup = connectTestDatabase(dbName);
  await cleanup.run(cleanup.r.dbDrop(dbName)).catch(() => undefined);
  await cleanup.close();
}, 120_000);

describe('stack secrets and configs', () => {
  it('refuses a plain operator before anything is made, naming the service and field', async () => {
    const answer = await call(routes.deploy, 'plain', 'POST', '/stacks', {}, { name: stack, composeFile, envFile, files });
    expect(answer.status, answer.text).toBe(403);
    expect(answer.body.error?.message).toMatch(/^Service app: .*secrets:write/);
    expect(answer.body.error?.fields?.[0]?.path).toBe('services.app.secrets');
    expect(await objectsOf('secret', stack)).toEqual([]);
    expect((await docker('service', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${stack}`)).stdout).toBe('');
  });

  it('names a file the request did not give, before anything is made', async () => {
    const answer = await call(routes.deploy, 'granted', 'POST', '/stacks', {}, { name: stack, composeFile, envFile, files: { 'app.conf': 'x' } });
    expect(answer.status, answer.text).toBe(422);
    expect(answer.body.error?.fields?.[0]?.path).toBe('secrets.db_password.file');
    expect(await objectsOf('config', stack)).toEqual([]);
  });

  it('lets a granted operator deploy: the task reads them, the contents are kept nowhere, and they go with the stack', async () => {
    const answer = await call(routes.deploy, 'granted', 'POST', '/stacks', {}, { name: stack, composeFile, envFile, files });
    expect(answer.status, answer.text).toBe(201);
    expect(answer.body.stack).toMatchObject({ created: [`${stack}_app`], objectsCreated: [`${stack}_db_password`, `${stack}_app_conf`] });
    expect(answer.text).not.toContain(secretValue);
    expect(await dockerOk('secret', 'inspect', '-f', '{{index .Spec.Labels "com.docker.stack.namespace"}}', `${stack}_db_password`)).toBe(stack);
    expect(await dockerOk('service', 'inspect', '-f', '{{range .Spec.TaskTemplate.ContainerSpec.Configs}}{{.File.Name}} {{.File.Mode}}{{end}}', `${stack}_app`)).toBe('/etc/app.conf -r--r-----'); // 0440
    const logs = await eventually(
      async () => (await docker('service', 'logs', '--raw', `${stack}_app`)).stdout,
      (text) => text.includes('greeting=hello'),
    );
    expect(logs).toContain(secretValue);

    const version = await call(routes.version, 'granted', 'GET', `/stacks/${stack}/versions/1`, { name: stack, version: '1' });
    expect(version.body.version).toMatchObject({ envFile, givenFiles: ['./db_password.txt', 'app.conf'] });
    expect(version.text).not.toContain(secretValue);
    const rows = JSON.stringify(await db.run(db.table(TABLES.stackVersions)));
    expect(rows).not.toContain(secretValue);
    expect(rows).not.toContain(envValue); // the env file is sealed at rest
    expect(rows).toContain('"envFileSealed":true');
    const events = (await listEvents(db, { limit: 100 })).filter((event) => event.target === stack);
    expect(events.map((event) => `${event.action} ${event.outcome}`)).toContain('stack.deploy success');
    expect(JSON.stringify(events)).not.toContain(secretValue);

    const removed = await call(routes.remove, 'granted', 'DELETE', `/stacks/${stack}`, { name: stack });
    expect(removed.status, removed.text).toBe(204);
    expect(await objectsOf('secret', stack)).toEqual([]);
    expect(await objectsOf('config', stack)).toEqual([]);
  });
});

describe('env files without a registry key', () => {
  it('deploys, but does not store the env file, and the version says so', async () => {
    const key = process.env.SHIPYARD_REGISTRY_KEY;
    delete process.env.SHIPYARD_REGISTRY_KEY;
    const name = `stk${unique}`;
    try {
      const file = 'services:\n  app:\n    image: ${IMAGE}\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n';
      const answer = await call(routes.deploy, 'plain', 'POST', '/stacks', {}, { name, composeFile: file, envFile });
      expect(answer.status, answer.text).toBe(201);
      const version = await call(routes.version, 'plain', 'GET', `/stacks/${name}/versions/1`, { name, version: '1' });
      expect(version.body.version).toMatchObject({ envFile: null, envFileAbsence: 'not-stored' });
      expect(JSON.stringify(await db.run(db.table(TABLES.stackVersions)))).not.toContain(envValue);
    } finally {
      process.env.SHIPYARD_REGISTRY_KEY = key;
      expect((await call(routes.remove, 'plain', 'DELETE', `/stacks/${name}`, { name })).status).toBe(204);
    }
  });
});

describe('a stack of private images (--with-registry-auth)', () => {
  it('runs: each service was sent the saved login of its image registry', async () => {
    registry = await startTestRegistry(credentials, { ports: [5041, 5042, 5043, 5044, 5045, 5046, 5047, 5048, 5049] });
    image = await registry.pushFresh(testImage(), repository, 'v1');
    const admin: Actor = { username: 'admin', role: 'admin', address: '192.0.2.1', database: db };
    await createRegistryAudited({ database: db }, admin, { name: `local-${unique}`, address: registry.address, username: credentials.username, password: credentials.password });
    const file = `services:\n  app:\n    image: ${image}\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n`;
    const answer = await call(routes.deploy, 'plain', 'POST', '/stacks', {}, { name: privateStack, composeFile: file });
    expect(answer.status, answer.text).toBe(201);
    expect(answer.text).not.toContain(credentials.password);
    // pushFresh removed the image locally: the task only runs if the node pulled it with the login.
    const state = await eventually(
      async () => (await docker('service', 'ps', '--no-trunc', '--format', '{{.CurrentState}} {{.Error}}', `${privateStack}_app`)).stdout,
      (states) => states.startsWith('Running'),
    );
    expect(state).toMatch(/^Running/);

    // A new image under the same tag, and the service lost out of band: the stack hook brings the
    // stored file's service back, pinned to the tag's newest digest, pulled with the saved login.
    await registry.pushFresh(testImage(), repository, 'v1');
    await dockerOk('service', 'rm', `${privateStack}_app`);
    const { getServices } = await import('@/lib/server/services');
    const operator: Actor = { username: `${stack}-plain`, role: 'operator', address: '192.0.2.3', database: db };
    const hook = await createWebhookAudited(getServices(), operator, { name: `stack-${unique}`, stack: privateStack });
    const result = await callWebhook({ docker: getServices().docker, database: db, intervalSeconds: 60 }, hook.token, '192.0.2.9');
    expect(result.redeployed.map((entry) => [entry.service, entry.image.startsWith(`${image}@sha256:`), entry.changed])).toEqual([[`${privateStack}_app`, true, true]]);
    const pinned = await dockerOk('service', 'inspect', '-f', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', `${privateStack}_app`);
    expect(pinned).toBe(result.redeployed[0]?.image);
    const again = await eventually(
      async () => (await docker('service', 'ps', '--no-trunc', '--format', '{{.CurrentState}} {{.Error}}', `${privateStack}_app`)).stdout,
      (states) => states.startsWith('Running'),
    );
    expect(again).toMatch(/^Running/);
    expect((await call(routes.remove, 'plain', 'DELETE', `/stacks/${privateStack}`, { name: privateStack })).status).toBe(204);
  }, 240_000);
});
