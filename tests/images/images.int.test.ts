// The images library against the real engine and a private registry: list with the containers
// using each image, history, tag, remove (in use explained; force for admins), pull with progress.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { engineHandlesFrom, stopEngines } from '@/lib/engines/engines';
import { imageHistory } from '@/lib/images/image-history';
import { listImages } from '@/lib/images/list-images';
import { pullImageSchema, tagImageSchema } from '@/lib/images/image-schema';
import { pullImage } from '@/lib/images/pull-image';
import type { PullEvent } from '@/lib/images/pull-progress';
import { removeImage } from '@/lib/images/remove-image';
import { tagImage } from '@/lib/images/tag-image';
import { listEvents } from '@/prisma-free-db';
import { openTestDatabase } from '@/prisma-free-db/testing/test-database';
import { docker, dockerOk, testImage } from '../ipam/support/docker-cli';
import { startTestRegistry, type TestRegistry } from '../support/test-registry';

const unique = randomBytes(4).toString('hex');
const repository = `shipyard-test/img-${unique}`;
const LABEL = `io.shipyard.test=images-int-${unique}`;
let registry: TestRegistry;
let context: ContainerContext;
let admin: Actor;
let operator: Actor;
let disposeDatabase: () => Promise<void>;
let pulledId: string | undefined;

beforeAll(async () => {
  registry = await startTestRegistry();
  context = { handles: engineHandlesFrom({ SHIPYARD_DOCKER: process.env.SHIPYARD_DOCKER }), flatNetwork: null };
  const database = await openTestDatabase('images');
  disposeDatabase = database.dispose;
  admin = { username: 'ada', role: 'admin', address: 'test', database: database.db };
  operator = { username: 'otto', role: 'operator', address: 'test', database: database.db };
});

afterAll(async () => {
  const left = await docker('ps', '-aq', '--filter', `label=${LABEL}`);
  if (left.stdout) await docker('rm', '-f', ...left.stdout.split('\n'));
  for (const tag of [`${repository}:tagged`, `${registry?.address}/${repository}:pulled`]) await docker('rmi', tag);
  if (pulledId) await docker('rmi', pulledId); // dangling after the forced removal
  if (context) stopEngines(context.handles);
  await registry?.stop();
  await disposeDatabase?.();
});

describe('list and history', () => {
  it('lists the test image with its size, date and the containers using it', async () => {
    const name = `syi-${unique}-user`;
    await dockerOk('run', '-d', '--name', name, '--label', LABEL, testImage(), 'sleep', '600');
    const { images, engines } = await listImages(context);
    const host = engines[0]?.host;
    const image = images.find((candidate) => candidate.tags.includes(testImage()));
    expect(image).toMatchObject({ host, id: expect.stringMatching(/^sha256:[a-f0-9]{64}$/) });
    expect(image?.sizeBytes).toBeGreaterThan(100_000);
    expect(Number.isNaN(Date.parse(image?.created ?? ''))).toBe(false);
    expect(image?.containers).toContainEqual(expect.objectContaining({ name, state: 'running' }));
    // ?host= filters to one engine; an unknown host lists nothing.
    expect((await listImages(context, host)).images.some((candidate) => candidate.id === image?.id)).toBe(true);
    expect((await listImages(context, 'no-such-host')).images).toEqual([]);
  });

  it('gives the history of an image, and a 404 in words for an unknown one', async () => {
    const history = await imageHistory(context, testImage());
    expect(history.layers.length).toBeGreaterThan(0);
    expect(history.layers[0]).toMatchObject({ createdBy: expect.any(String), sizeBytes: expect.any(Number) });
    await expect(imageHistory(context, `nothing-${unique}:none`)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(`nothing-${unique}`) });
    await expect(imageHistory(context, '../../containers/json')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('tag and remove', () => {
  it('tags an image, audited', async () => {
    const tagged = await tagImage(context, operator, testImage(), tagImageSchema.parse({ repository, tag: 'tagged' }));
    expect(tagged.tag).toBe(`${repository}:tagged`);
    expect(await dockerOk('image', 'inspect', '-f', '{{.Id}}', `${repository}:tagged`)).toBe(await dockerOk('image', 'inspect', '-f', '{{.Id}}', testImage()));
    const events = await listEvents(operator.database, { limit: 20 });
    expect(events.find((event) => event.action === 'image.tag')).toMatchObject({ actor: 'otto', outcome: 'success', details: expect.objectContaining({ tag: `${repository}:tagged` }) });
  });

  it('rejects a bad tag with a message per field', () => {
    const parsed = tagImageSchema.safeParse({ repository: 'Upper/Case', tag: '-bad' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['repository', 'tag']);
  });

  it('refuses to remove an image in use, naming the containers; force is for admins only', async () => {
    const name = `syi-${unique}-user`;
    const id = await dockerOk('image', 'inspect', '-f', '{{.Id}}', testImage());
    await expect(removeImage(context, operator, id, undefined, { force: false })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`${name} (running)`),
    });
    await expect(removeImage(context, operator, id, undefined, { force: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const events = await listEvents(operator.database, { limit: 20 });
    expect(events.find((event) => event.action === 'image.remove')).toMatchObject({ outcome: 'failure', details: expect.objectContaining({ reason: expect.stringContaining(name) }) });
    // The image is still there.
    expect(await dockerOk('image', 'inspect', '-f', '{{.Id}}', testImage())).toBe(id);
  });

  it('removes one extra tag without touching the image', async () => {
    const removed = await removeImage(context, operator, `${repository}:tagged`, undefined, { force: false });
    expect(removed.untagged).toContain(`${repository}:tagged`);
    expect(removed.deleted).toEqual([]);
    expect((await docker('image', 'inspect', `${repository}:tagged`)).code).not.toBe(0);
  });
});

describe('pull', () => {
  it('pulls from a registry with per-layer progress events, and lists the result', async () => {
    await registry.pushFresh(testImage(), repository, 'pulled');
    const reference = `${registry.address}/${repository}:pulled`;
    expect((await docker('image', 'inspect', reference)).code).not.toBe(0);

    const events: PullEvent[] = [];
    const done = await pullImage(context, operator, pullImageSchema.parse({ image: `${registry.address}/${repository}`, tag: 'pulled' }), (event) => events.push(event));
    expect(done).toMatchObject({ type: 'done', reference, image: { tags: [reference], containers: [] } });
    expect(events.at(-1)).toEqual(done);

    const layers = events.filter((event) => event.type === 'layer');
    expect(layers.length).toBeGreaterThan(0);
    expect(layers.every((event) => /^[a-f0-9]{12}$/.test(event.id))).toBe(true);
    expect(layers.map((event) => event.status)).toContain('Pull complete');
    // The fresh layer was downloaded with byte counts.
    expect(layers.some((event) => event.status === 'Downloading' && (event.current ?? 0) > 0 && (event.total ?? 0) > 0)).toBe(true);
    expect(events.some((event) => event.type === 'status' && /Downloaded newer image|Image is up to date/.test(event.message))).toBe(true);

    pulledId = await dockerOk('image', 'inspect', '-f', '{{.Id}}', reference);
    expect(done.image?.id).toBe(pulledId);
    expect((await listImages(context)).images.find((image) => image.tags.includes(reference))?.id).toBe(pulledId);
    const audit = await listEvents(operator.database, { limit: 20 });
    expect(audit.find((event) => event.action === 'image.pull')).toMatchObject({ outcome: 'success', target: expect.stringContaining(reference) });
  });

  it('lets an admin force the removal of an image a stopped container uses', async () => {
    const reference = `${registry.address}/${repository}:pulled`;
    const name = `syi-${unique}-stopped`;
    await dockerOk('create', '--name', name, '--label', LABEL, reference, 'true');
    await expect(removeImage(context, operator, reference, undefined, { force: false })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`${name} (created)`) });
    const removed = await removeImage(context, admin, reference, undefined, { force: true });
    expect(removed.untagged).toContain(reference);
    expect((await docker('image', 'inspect', reference)).code).not.toBe(0);
    const audit = await listEvents(admin.database, { limit: 20 });
    expect(audit.find((event) => event.action === 'image.remove' && event.actor === 'ada')).toMatchObject({ outcome: 'success', details: expect.objectContaining({ force: true }) });
  });

  it('explains a tag the registry does not have', async () => {
    const events: PullEvent[] = [];
    await expect(pullImage(context, operator, pullImageSchema.parse({ image: `${registry.address}/${repository}:absent` }), (event) => events.push(event))).rejects.toMatchObject({
      message: expect.stringMatching(/was not found on 127\.0\.0\.1:\d+: check the repository name and the tag/),
    });
    expect(events.some((event) => event.type === 'done')).toBe(false);
  });

  it('explains a registry that is not there', async () => {
    await expect(pullImage(context, operator, pullImageSchema.parse({ image: '127.0.0.1:9/nothing/here' }), () => undefined)).rejects.toMatchObject({
      message: expect.stringContaining('cannot be reached from the engine'),
    });
  });

  it('rejects a reference that is not an image name', () => {
    expect(pullImageSchema.safeParse({ image: 'UPPER/case' }).success).toBe(false);
    expect(pullImageSchema.safeParse({ image: 'a/../../b' }).success).toBe(false);
  });
});
