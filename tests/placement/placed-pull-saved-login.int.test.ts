// A placed create that must pull on the host it chose uses the saved registry matching the
// image's registry host (lib/registries): the console's create through pullImage, the gateway's
// through pullAuthFor (the caller's own X-Registry-Auth first, when it carries a login).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer } from '@/lib/containers/create-container';
import { createContainerSchema } from '@/lib/containers/container-schema';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { engineHandlesFrom, identify, stopEngines } from '@/lib/engines/engines';
import { pullAuthFor } from '@/lib/gateway/pull-auth';
import { createRegistryAudited } from '@/lib/registries/registry-mutations';
import { listEvents } from '@/prisma-free-db';
import { openTestDatabase } from '@/prisma-free-db/testing/test-database';
import { docker, testImage } from '../ipam/support/docker-cli';
import { startTestRegistry, type TestRegistry } from '../support/test-registry';

const unique = randomBytes(4).toString('hex');
const credentials = { username: `robot-${unique}`, password: `s3cret-${randomBytes(8).toString('hex')}` };
const name = `shipyard-placedpull-${unique}`;
let registry: TestRegistry;
let context: ContainerContext;
let admin: Actor;
let disposeDatabase: () => Promise<void>;
let reference = '';

const decode = (value: string | undefined) => (value === undefined ? undefined : (JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>));

beforeAll(async () => {
  registry = await startTestRegistry(credentials);
  reference = await registry.pushFresh(testImage(), `shipyard-placedpull/img-${unique}`, 'v1');
  context = { handles: engineHandlesFrom({ SHIPYARD_DOCKER: process.env.SHIPYARD_DOCKER }), flatNetwork: null };
  const database = await openTestDatabase('placedpull');
  disposeDatabase = database.dispose;
  admin = { username: 'ada', role: 'admin', address: 'test', database: database.db };
  await createRegistryAudited({ database: database.db }, admin, { name: `placed-${unique}`, address: registry.address, ...credentials });
}, 180_000);

afterAll(async () => {
  await docker('rm', '-f', name);
  if (reference) await docker('rmi', reference);
  if (context) stopEngines(context.handles);
  await registry?.stop();
  await disposeDatabase?.();
});

describe('a placed create pulls with the saved registry login', () => {
  it('the console: a create placed by a constraint pulls the private image with the saved login', async () => {
    expect((await docker('image', 'inspect', reference)).code).not.toBe(0);
    const [handle] = context.handles;
    if (!handle) throw new Error('no engine');
    const host = (await identify(handle)).identity.host;
    const input = createContainerSchema.parse({ image: reference, name, command: ['sleep', '60'], env: [`constraint:node==${host}`], start: false });
    const created = await createContainer(context, admin, input);
    expect(created.host).toBe(host);
    expect((await docker('image', 'inspect', reference)).code).toBe(0);
    const pulls = (await listEvents(admin.database, { limit: 50 })).filter((event) => event.action === 'image.pull');
    expect(pulls.at(0)).toMatchObject({ outcome: 'success', details: { login: true, registryId: expect.any(String) } });
    expect(JSON.stringify(pulls)).not.toContain(credentials.password);
  });

  it("the gateway: the caller's own login when it carries one, else the saved one (the CLI's empty {} is none)", async () => {
    const saved = decode(await pullAuthFor({ database: admin.database }, admin, {}, reference));
    expect(saved).toMatchObject({ username: credentials.username, password: credentials.password, serveraddress: registry.address });
    const empty = Buffer.from('{}').toString('base64url');
    expect(decode(await pullAuthFor({ database: admin.database }, admin, { 'x-registry-auth': empty }, reference))).toMatchObject({ username: credentials.username });
    const own = Buffer.from(JSON.stringify({ username: 'me', password: 'mine' })).toString('base64url');
    expect(await pullAuthFor({ database: admin.database }, admin, { 'x-registry-auth': own }, reference)).toBe(own);
    expect(await pullAuthFor({ database: admin.database }, admin, {}, 'busybox:latest')).toBeUndefined();
  });
});
