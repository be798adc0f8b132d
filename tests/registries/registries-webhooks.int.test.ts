// Saved registries and redeploy webhooks against the real stack and a private htpasswd registry
// (Debian's docker-registry on one of 5031-5039, stopped by pid): a service created with the
// saved login runs (the node pulled with it), a webhook redeploys it with the digest of a newly
// pushed image under the same tag, a second call within the interval is a 429, and a revoked or
// unknown token is the same 404. The password is never in an answer, a row or an audit event.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/audit/actor';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createRegistryAudited, listRegistryViews, resealRegistriesAudited } from '@/lib/registries/registry-mutations';
import { registryAuthForImage } from '@/lib/registries/registry-auth';
import { pullImage } from '@/lib/images/pull-image';
import { pullImageSchema } from '@/lib/images/image-schema';
import { createServiceAudited, removeServiceAudited } from '@/lib/swarm/service-mutations';
import { createServiceSchema } from '@/lib/swarm/service-schema';
import { callWebhook } from '@/lib/webhooks/call-webhook';
import { createWebhookAudited, listWebhookViews, revokeWebhookAudited } from '@/lib/webhooks/webhook-mutations';
import { createAccount, listEvents, TABLES, type DatabaseHandle } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import type { Services } from '@/lib/server/services';
import { docker, testImage } from '../ipam/support/docker-cli';
import { eventually } from '../support/eventually';
import { startTestRegistry, type TestRegistry } from '../support/test-registry';

const unique = randomBytes(4).toString('hex');
const dbName = uniqueDatabaseName('regwh');
process.env.SHIPYARD_DATABASE_NAME = dbName;
process.env.AUTH_SECRET ??= 'x'.repeat(40);
process.env.SHIPYARD_REGISTRY_KEY = `registry-key-${randomBytes(24).toString('hex')}`;
const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';

const repository = `shipyard-regwh/app-${unique}`;
const credentials = { username: `robot-${unique}`, password: `s3cret-${randomBytes(8).toString('hex')}` };
const serviceName = `regwh-${unique}`;
const stack = `regwhstack-${unique}`;
let registry: TestRegistry;
let services: Services;
let db: DatabaseHandle;
let admin: Actor;
let operator: Actor;
let image = '';
let serviceId = '';
const pushed: string[] = [];

/** The digest the registry itself serves for the tag (checked apart from Docker). */
async function registryDigest(tag: string): Promise<string> {
  const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  const answer = await fetch(`http://${registry.address}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { authorization: `Basic ${basic}`, accept: 'application/vnd.docker.distribution.manifest.v2+json' },
  });
  const digest = answer.headers.get('docker-content-digest');
  if (!digest) throw new Error(`the registry gave no digest (${answer.status})`);
  return digest;
}

const specImage = async (): Promise<string> => {
  const inspected = await docker('service', 'inspect', '-f', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', serviceId);
  return inspected.stdout;
};

beforeAll(async () => {
  registry = await startTestRegistry(credentials, { ports: [5031, 5032, 5033, 5034, 5035, 5036, 5037, 5038, 5039] });
  image = await registry.pushFresh(testImage(), repository, 'v1');
  pushed.push(image);
  const { getServices, getDatabase } = await import('@/lib/server/services');
  services = getServices();
  db = await getDatabase();
  const otto = await createAccount(db, { username: `otto-${unique}`, passwordHash: HASH, role: 'operator', mustChangePassword: false });
  admin = { username: 'admin', role: 'admin', address: '192.0.2.1', database: db };
  operator = { username: otto.username, role: 'operator', address: '192.0.2.2', database: db };
}, 180_000);

afterAll(async () => {
  if (serviceId) await docker('service', 'rm', serviceId);
  // The tasks' containers go a moment after their service; then every image of the repository
  // (the tasks pulled them by digest, untagged) can go too.
  await eventually(async () => (await docker('ps', '-aq', '--filter', `label=com.docker.swarm.service.name=${serviceName}`)).stdout, (ids) => ids === '');
  const ids = (await docker('images', '-q', `${registry.address}/${repository}`)).stdout.split('\n').filter(Boolean);
  if (ids.length > 0) await docker('image', 'rm', '-f', ...new Set(ids));
  for (const reference of pushed) await docker('image', 'rm', '-f', reference);
  await registry?.stop();
  const cleanup = connectTestDatabase(dbName);
  await cleanup.run(cleanup.r.dbDrop(dbName)).catch(() => undefined);
  await cleanup.close();
});

describe('saved registries', () => {
  it('stores the login sealed and lists it without the password', async () => {
    const saved = await createRegistryAudited({ database: db }, admin, { name: `local-${unique}`, address: registry.address, username: credentials.username, password: credentials.password });
    expect(saved).not.toHaveProperty('password');
    expect(saved).not.toHaveProperty('sealedPassword');
    const listed = await listRegistryViews({ database: db });
    expect(listed.map((entry) => entry.id)).toContain(saved.id);
    expect(JSON.stringify(listed)).not.toContain(credentials.password);
    const rows = await db.run(db.table(TABLES.registries));
    expect(JSON.stringify(rows)).not.toContain(credentials.password);
    await expect(createRegistryAudited({ database: db }, admin, { name: 'again', address: registry.address, username: 'x', password: 'y' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it("gives the stacks helper the image's X-Registry-Auth, and nothing for an image of another registry", async () => {
    const header = await registryAuthForImage({ database: db }, operator, image);
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8'))).toEqual({ username: credentials.username, password: credentials.password, serveraddress: registry.address });
    expect(await registryAuthForImage({ database: db }, operator, 'busybox:latest')).toBeUndefined();
  });

  it('re-seals nothing while the key has not changed', async () => {
    expect(await resealRegistriesAudited({ database: db }, admin)).toEqual({ resealed: 0, total: 1 });
  });

  it("lets an operator create a service from it: the node pulls with the saved login and the task runs", async () => {
    const [saved] = await listRegistryViews({ database: db });
    const input = createServiceSchema.parse({ name: serviceName, image, command: ['sleep', '3600'], registryId: saved?.id, labels: { 'com.docker.stack.namespace': stack } });
    const service = await createServiceAudited(services, operator, input);
    serviceId = service.id;
    const tasks = await eventually(
      async () => (await docker('service', 'ps', '--no-trunc', '--format', '{{.CurrentState}} {{.Error}}', serviceId)).stdout,
      (states) => states.startsWith('Running'),
    );
    expect(tasks).toMatch(/^Running/);
    expect((await listRegistryViews({ database: db }))[0]?.lastUsedAt).toBeInstanceOf(Date);
  }, 90_000);
});

describe('redeploy webhooks', () => {
  let token = '';
  let hookId = '';

  it('redeploys the service with the digest of the image newly pushed under the same tag', async () => {
    const created = await createWebhookAudited(services, operator, { name: `ci-${unique}`, service: serviceName });
    token = created.token;
    hookId = created.webhook.id;
    expect(created.path).toBe(`/api/v1/hooks/${token}`);
    expect(JSON.stringify(await listWebhookViews(db, { service: serviceId }))).not.toContain(token);
    const before = await specImage();
    expect(before).toBe(image);

    pushed.push(await registry.pushFresh(testImage(), repository, 'v1'));
    const newest = await registryDigest('v1');
    const result = await callWebhook({ docker: services.docker, database: db, intervalSeconds: 60 }, token, '192.0.2.9');
    expect(result.redeployed).toEqual([{ service: serviceName, image: `${image}@${newest}`, changed: true }]);
    expect(await specImage()).toBe(`${image}@${newest}`);
    await eventually(
      async () => (await docker('service', 'ps', '--filter', 'desired-state=running', '--no-trunc', '--format', '{{.Image}} {{.CurrentState}}', serviceId)).stdout,
      (line) => line.includes(newest) && line.includes('Running'),
    );
  }, 120_000);

  it('answers a second call within the interval with a 429 and Retry-After, through the public route', async () => {
    const route = await import('@/app/api/v1/hooks/[token]/route');
    const call = (value: string) =>
      route.POST(new Request(`http://console.test/api/v1/hooks/${value}`, { method: 'POST', headers: { [CLIENT_ADDRESS_HEADER]: '192.0.2.9' } }), { params: Promise.resolve({ token: value }) });
    const limited = await call(token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const unknown = await call(`shyhook_${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    const malformed = await call('nope');
    expect(malformed.status).toBe(404);
    expect(await malformed.json()).toEqual(await unknown.json());
  });

  it('redeploys every service of a stack through a stack hook', async () => {
    const created = await createWebhookAudited(services, admin, { name: `stack-${unique}`, stack });
    const result = await callWebhook({ docker: services.docker, database: db, intervalSeconds: 60 }, created.token, '192.0.2.9');
    expect(result.redeployed.map((entry) => entry.service)).toEqual([serviceName]);
    await revokeWebhookAudited(admin, { id: created.webhook.id });
  }, 60_000);

  it('never runs a revoked hook: the same 404 as an unknown token', async () => {
    await revokeWebhookAudited(operator, { id: hookId });
    const imageBefore = await specImage();
    await expect(callWebhook({ docker: services.docker, database: db, intervalSeconds: 1 }, token, '192.0.2.9', new Date(Date.now() + 3_600_000))).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such webhook' });
    expect(await specImage()).toBe(imageBefore);
  });

  it('audits every step with its outcome and never the password or a token', async () => {
    const events = await listEvents(db, { limit: 200 });
    const actions = events.map((event) => `${event.action}:${event.outcome}`);
    for (const expected of ['registry.create:success', 'registry.create:failure', 'swarm.service.create:success', 'webhook.create:success', 'webhook.call:success', 'webhook.revoke:success']) {
      expect(actions).toContain(expected);
    }
    const call = events.find((event) => event.action === 'webhook.call' && event.outcome === 'success' && event.target === hookId);
    expect(call?.actor).toBe(`webhook:ci-${unique}`);
    expect(String(call?.details.images)).toContain('@sha256:');
    const text = JSON.stringify(events);
    expect(text).not.toContain(credentials.password);
    expect(text).not.toContain('shyhook_');
  });

  it('pulls with the saved registry by id; without it the registry refuses', async () => {
    const [saved] = await listRegistryViews({ database: db });
    const done = await pullImage(services.containers, operator, pullImageSchema.parse({ image, registryId: saved?.id }), () => undefined);
    expect(done.reference).toBe(image);
    await expect(pullImage(services.containers, operator, pullImageSchema.parse({ image }), () => undefined)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  }, 60_000);

  it('says which setting is missing when the console has no registry key', async () => {
    const key = process.env.SHIPYARD_REGISTRY_KEY;
    delete process.env.SHIPYARD_REGISTRY_KEY;
    try {
      await expect(createRegistryAudited({ database: db }, admin, { name: 'nokey', address: 'nokey.example.com', username: 'u', password: 'p' })).rejects.toMatchObject({
        code: 'REGISTRY_KEY_MISSING',
        message: expect.stringContaining('SHIPYARD_REGISTRY_KEY is not set'),
      });
    } finally {
      process.env.SHIPYARD_REGISTRY_KEY = key;
    }
  });

  it('removes the service it made', async () => {
    await removeServiceAudited(services, operator, { id: serviceId });
    expect((await docker('service', 'inspect', serviceId)).code).not.toBe(0);
    serviceId = '';
  });
});
