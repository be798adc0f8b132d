// Pulls from a private registry that wants a login (htpasswd basic auth): without credentials and
// with wrong ones the pull is a 400 in words; with the right ones the image arrives. The login is
// never written to the audit log.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { engineHandlesFrom, stopEngines } from '@/lib/engines/engines';
import { pullImageSchema } from '@/lib/images/image-schema';
import { pullImage } from '@/lib/images/pull-image';
import { listEvents } from '@/prisma-free-db';
import { openTestDatabase } from '@/prisma-free-db/testing/test-database';
import { docker, dockerOk, testImage } from '../ipam/support/docker-cli';
import { startTestRegistry, type TestRegistry } from '../support/test-registry';

const unique = randomBytes(4).toString('hex');
const repository = `shipyard-regauth/img-${unique}`;
const credentials = { username: `robot-${unique}`, password: `s3cret-${randomBytes(8).toString('hex')}` };
let registry: TestRegistry;
let context: ContainerContext;
let operator: Actor;
let disposeDatabase: () => Promise<void>;
let reference = '';

beforeAll(async () => {
  registry = await startTestRegistry(credentials);
  reference = await registry.pushFresh(testImage(), repository, 'v1');
  context = { handles: engineHandlesFrom({ SHIPYARD_DOCKER: process.env.SHIPYARD_DOCKER }), flatNetwork: null };
  const database = await openTestDatabase('regauth');
  disposeDatabase = database.dispose;
  operator = { username: 'otto', role: 'operator', address: 'test', database: database.db };
}, 180_000);

afterAll(async () => {
  if (reference) await docker('rmi', reference);
  if (context) stopEngines(context.handles);
  await registry?.stop();
  await disposeDatabase?.();
});

describe('pull from a registry that needs a login', () => {
  it('the registry itself refuses an anonymous request', async () => {
    expect((await fetch(`http://${registry.address}/v2/`)).status).toBe(401);
    expect((await docker('image', 'inspect', reference)).code).not.toBe(0);
  });

  it('without credentials: a 400 that says the registry needs credentials', async () => {
    await expect(pullImage(context, operator, pullImageSchema.parse({ image: reference }), () => undefined)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(`The registry ${registry.address} needs credentials`),
    });
    expect((await docker('image', 'inspect', reference)).code).not.toBe(0);
  });

  it('with a wrong password: a 400 that says the credentials were refused', async () => {
    const input = pullImageSchema.parse({ image: reference, username: credentials.username, password: 'wrong-password' });
    await expect(pullImage(context, operator, input, () => undefined)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(`The registry ${registry.address} refused the credentials: check the username and password`),
    });
    expect((await docker('image', 'inspect', reference)).code).not.toBe(0);
  });

  it('with the right credentials: pulled, and the audit log holds no password', async () => {
    const done = await pullImage(context, operator, pullImageSchema.parse({ image: reference, ...credentials }), () => undefined);
    expect(done).toMatchObject({ type: 'done', reference, image: { tags: [reference] } });
    expect(await dockerOk('image', 'inspect', '-f', '{{.Id}}', reference)).toBe(done.image?.id);
    expect(JSON.stringify(done)).not.toContain(credentials.password);

    const pulls = (await listEvents(operator.database, { limit: 50 })).filter((event) => event.action === 'image.pull');
    expect(pulls.map((event) => event.outcome).sort()).toEqual(['failure', 'failure', 'success']);
    expect(pulls.find((event) => event.outcome === 'success')?.details).toMatchObject({ login: true });
    const logged = JSON.stringify(pulls);
    expect(logged).not.toContain(credentials.password);
    expect(logged).not.toContain('wrong-password');
  });

  it('wants both a username and a password, within limits', () => {
    const onlyUser = pullImageSchema.safeParse({ image: 'busybox', username: 'u' });
    expect(onlyUser.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['password']);
    const onlyPassword = pullImageSchema.safeParse({ image: 'busybox', password: 'p' });
    expect(onlyPassword.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['username']);
    expect(pullImageSchema.safeParse({ image: 'busybox', username: 'u'.repeat(257), password: 'p' }).success).toBe(false);
    expect(pullImageSchema.safeParse({ image: 'busybox', username: 'u', password: '' }).success).toBe(false);
  });
});
