// Volumes against the real engine, through the console's policy gate as an operator and an admin:
// create and list with their users, driver options refused to the operator, removal refused while
// a container mounts the volume (naming it), and a prune narrowed to this test's label.
import { afterAll, describe, expect, it } from 'vitest';
import { parseDockerEndpoint } from '@/lib/config/docker-endpoint';
import { EngineClient } from '@/lib/docker/engine-client';
import { policyGate } from '@/lib/docker/policy-gate';
import { docker, dockerOk, testImage } from '@/tests/ipam/support/docker-cli';
import { uniqueId } from '@/tests/ipam/support/fixtures';
import { testDockerUrl } from '@/tests/support/docker-client';
import { createVolume, prunePreview, pruneVolumes, removeVolume, VolumeInUseError } from './volume-actions';
import { createVolumeSchema } from './volume-schema';
import { volumesOn } from './volume-view';

const id = uniqueId();
const used = `syvol-used-${id}`;
const spare = `syvol-spare-${id}`;
const bound = `syvol-bound-${id}`;
const container = `syvol-c-${id}`;
const label = `shipyard-test-volumes=${id}`;
const HOST = 'the-host';

function gatedClient(): EngineClient {
  const endpoint = parseDockerEndpoint(testDockerUrl, {});
  if (Array.isArray(endpoint)) throw new Error(endpoint.join('; '));
  return EngineClient.connect(endpoint, { gate: policyGate });
}

describe('volumes on the real engine', () => {
  const engine = gatedClient();
  const operator = engine.as({ username: 'otto', role: 'operator' });
  const admin = engine.as({ username: 'ada', role: 'admin' });

  afterAll(async () => {
    await docker('rm', '-f', container);
    await docker('volume', 'rm', '-f', used, spare, bound);
  });

  it('creates a volume for an operator and lists it without its mountpoint; an admin sees the mountpoint', async () => {
    const input = createVolumeSchema.parse({ name: used, host: HOST, labels: { 'shipyard-test-volumes': id } });
    expect(await createVolume(operator, HOST, input, false)).toMatchObject({ name: used, driver: 'local', host: HOST, mountpoint: null, usedBy: [] });
    expect(await dockerOk('volume', 'inspect', '-f', '{{.Driver}} {{index .Labels "shipyard-test-volumes"}}', used)).toBe(`local ${id}`);
    const listed = (await volumesOn(operator, HOST, false)).find((volume) => volume.name === used);
    expect(listed).toMatchObject({ name: used, mountpoint: null, labels: { 'shipyard-test-volumes': id } });
    expect(listed?.createdAt).toMatch(/^\d{4}-/);
    const asAdmin = (await volumesOn(admin, HOST, true)).find((volume) => volume.name === used);
    expect(asAdmin?.mountpoint).toContain(used);
    await expect(createVolume(operator, HOST, input, false)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it("refuses the local driver's options (a host bind) to an operator, naming DriverOpts; an admin may", async () => {
    const input = createVolumeSchema.parse({ name: bound, host: HOST, driverOptions: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' } });
    await expect(createVolume(operator, HOST, input, false)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('DriverOpts') });
    expect((await docker('volume', 'inspect', bound)).code).not.toBe(0);
    expect(await createVolume(admin, HOST, input, true)).toMatchObject({ name: bound, hasDriverOptions: true });
  });

  it('names the containers using a volume and refuses its removal with them, then removes it', async () => {
    await dockerOk('create', '--name', container, '--label', 'shipyard-test=volumes', '-v', `${used}:/data`, testImage(), 'sleep', '600');
    const listed = (await volumesOn(operator, HOST, false)).find((volume) => volume.name === used);
    expect(listed?.usedBy).toEqual([expect.objectContaining({ name: container, state: 'created' })]);
    const refusal = await removeVolume(operator, HOST, used).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(VolumeInUseError);
    expect(refusal).toMatchObject({ code: 'CONFLICT', message: `Volume ${used} is in use on ${HOST} by container ${container} (created): remove it first` });
    expect(await dockerOk('volume', 'inspect', '-f', '{{.Name}}', used)).toBe(used);
    await dockerOk('rm', '-f', container);
    await removeVolume(operator, HOST, used);
    expect((await docker('volume', 'inspect', used)).code).not.toBe(0);
    await expect(removeVolume(operator, HOST, used)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("previews a prune (this test's label only) and removes exactly what it showed", async () => {
    await createVolume(operator, HOST, createVolumeSchema.parse({ name: spare, host: HOST, labels: { 'shipyard-test-volumes': id } }), false);
    await dockerOk('create', '--name', container, '--label', 'shipyard-test=volumes', '-v', `${spare}:/data`, testImage(), 'true');
    expect(await prunePreview(operator, HOST, { label }, false)).toEqual([]);
    await dockerOk('rm', '-f', container);
    const preview = await prunePreview(operator, HOST, { label }, false);
    expect(preview.map((volume) => volume.name)).toEqual([spare]);
    const result = await pruneVolumes(operator, HOST, { label });
    expect(result).toMatchObject({ host: HOST, removed: [spare] });
    expect((await docker('volume', 'inspect', spare)).code).not.toBe(0);
  });
});
