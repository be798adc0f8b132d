// The detail page's change forms, through the library, against the real engine; what Docker then
// holds is read back with dockerode's inspect, not from our own summary.
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { engineHandlesFrom, stopEngines } from '@/lib/engines/engines';
import { inspectContainer } from '@/lib/containers/inspect-container';
import { lifecycleSchemas } from '@/lib/containers/container-schema';
import { removeContainer, runLifecycleAction } from '@/lib/containers/lifecycle';
import { CLONE_OF_LABEL, scaleContainer } from '@/lib/containers/scale';
import { updateLimits } from '@/lib/containers/update-limits';
import { listEvents } from '@/prisma-free-db';
import { openTestDatabase } from '@/prisma-free-db/testing/test-database';
import { testImage } from '../ipam/support/docker-cli';

const RUN = `ctl-${Date.now().toString(36)}`;
const LABEL = { 'io.shipyard.test': RUN };
let engine: Docker;
let context: ContainerContext;
let operator: Actor;
let disposeDatabase: () => Promise<void>;

function name(suffix: string): string {
  return `${RUN}-${suffix}`;
}

async function run(suffix: string, command: string[], extra: Partial<Docker.ContainerCreateOptions> = {}): Promise<Docker.Container> {
  const container = await engine.createContainer({ name: name(suffix), Image: testImage(), Cmd: command, Labels: LABEL, ...extra });
  await container.start();
  return container;
}

async function exitedWith(container: Docker.Container): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const state = (await container.inspect()).State;
    if (!state.Running) return state.ExitCode;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the container is still running');
}

beforeAll(async () => {
  const endpoint = process.env.SHIPYARD_DOCKER ?? '';
  engine = new Docker({ socketPath: endpoint.replace(/^unix:\/\//, '') });
  context = { handles: engineHandlesFrom({ SHIPYARD_DOCKER: endpoint }), flatNetwork: null };
  const database = await openTestDatabase('controls');
  disposeDatabase = database.dispose;
  operator = { username: 'otto', role: 'operator', address: 'test', database: database.db };
});

afterAll(async () => {
  const left = await engine.listContainers({ all: true, filters: { label: [`io.shipyard.test=${RUN}`] } });
  for (const container of left) await engine.getContainer(container.Id).remove({ force: true, v: true });
  if (context) stopEngines(context.handles);
  await disposeDatabase?.();
});

describe('rename', () => {
  it('renames; a taken name is a conflict on the name field in Docker’s words, an invalid one the validator’s', async () => {
    const first = await run('first', ['sleep', '3600']);
    await run('taken', ['sleep', '3600']);
    await expect(runLifecycleAction(context, operator, name('first'), undefined, 'rename', { name: name('taken') })).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: 'name', message: expect.stringMatching(/already in use/) }],
    });
    const invalid = lifecycleSchemas.rename.safeParse({ name: 'has a space' });
    expect(invalid.success ? null : invalid.error.issues[0]?.message).toBe('Use letters, digits, dots, dashes and underscores, starting with a letter or digit');

    const renamed = await runLifecycleAction(context, operator, name('first'), undefined, 'rename', { name: name('renamed') });
    expect(renamed.name).toBe(name('renamed'));
    expect((await first.inspect()).Name).toBe(`/${name('renamed')}`);
    const events = (await listEvents(operator.database, { limit: 20 })).filter((event) => event.action === 'container.rename');
    expect(events.map((event) => event.outcome).sort()).toEqual(['failure', 'success']);
  });
});

describe('limits', () => {
  it('changes CPU cores, cpuset and memory of a running container, as dockerode’s inspect agrees', async () => {
    const container = await run('limits', ['sleep', '3600']);
    const updated = await updateLimits(context, operator, name('limits'), undefined, { cpus: 0.5, cpuset: '0', memoryMb: 48 });
    expect(updated).toMatchObject({ state: 'running', cpus: 0.5, cpuset: '0', memoryBytes: 48 * 1024 * 1024 });
    const inspected = await container.inspect();
    expect(inspected.State.Running).toBe(true);
    expect([inspected.HostConfig.NanoCpus, inspected.HostConfig.CpusetCpus, inspected.HostConfig.Memory]).toEqual([500_000_000, '0', 48 * 1024 * 1024]);
    // The page reads the same values.
    expect((await inspectContainer(context, name('limits'))).container).toMatchObject({ cpus: 0.5, cpuset: '0', memoryBytes: 48 * 1024 * 1024 });

    // One field at a time leaves the others as they were.
    await updateLimits(context, operator, name('limits'), undefined, { memoryMb: 64 });
    const after = await container.inspect();
    expect([after.HostConfig.NanoCpus, after.HostConfig.CpusetCpus, after.HostConfig.Memory]).toEqual([500_000_000, '0', 64 * 1024 * 1024]);
  });

  it('answers cores the host does not have on their own fields, and changes nothing', async () => {
    const cores = (await engine.info()).NCPU as number;
    await expect(updateLimits(context, operator, name('limits'), undefined, { cpus: cores + 1, cpuset: `0-${cores}` })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [
        { path: 'cpus', message: expect.stringContaining(`has ${cores} core`) },
        { path: 'cpuset', message: expect.stringContaining(`core ${cores} does not exist`) },
      ],
    });
    const inspected = await engine.getContainer(name('limits')).inspect();
    expect([inspected.HostConfig.NanoCpus, inspected.HostConfig.CpusetCpus]).toEqual([500_000_000, '0']);
  });
});

describe('scale', () => {
  it('makes running copies that dockerode sees with the same limits and a label naming the original', async () => {
    const copies = await scaleContainer(context, operator, name('limits'), undefined, 2);
    expect(copies).toHaveLength(2);
    for (const copy of copies) {
      const inspected = await engine.getContainer(copy.id).inspect();
      expect(inspected.State.Running).toBe(true);
      expect(inspected.Config.Labels[CLONE_OF_LABEL]).toBe(name('limits'));
      expect([inspected.HostConfig.NanoCpus, inspected.HostConfig.CpusetCpus, inspected.HostConfig.Memory]).toEqual([500_000_000, '0', 64 * 1024 * 1024]);
    }
  });
});

describe('kill', () => {
  it('sends the signal given: a shell trapping USR1 exits with its own code', async () => {
    const container = await run('trap', ['sh', '-c', 'trap "exit 7" USR1; while true; do sleep 0.2; done']);
    await runLifecycleAction(context, operator, name('trap'), undefined, 'kill', { signal: 'SIGUSR1' });
    expect(await exitedWith(container)).toBe(7);
  });

  it('answers a signal Docker does not know on the signal field, and the container keeps running', async () => {
    const container = await run('nosig', ['sleep', '3600']);
    await expect(runLifecycleAction(context, operator, name('nosig'), undefined, 'kill', { signal: 'SIGNOPE' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'signal', message: expect.stringContaining('SIGNOPE') }],
    });
    expect((await container.inspect()).State.Running).toBe(true);
    await runLifecycleAction(context, operator, name('nosig'), undefined, 'kill', { signal: 'SIGKILL' });
    expect(await exitedWith(container)).toBe(137);
  });
});

describe('remove', () => {
  async function anonymousVolume(container: Docker.Container): Promise<string> {
    const mount = (await container.inspect()).Mounts.find((entry) => entry.Destination === '/data');
    if (!mount?.Name) throw new Error('no anonymous volume on /data');
    return mount.Name;
  }

  it('refuses a running container without force; with force and volumes it goes with its anonymous volume', async () => {
    const container = await run('withvol', ['sleep', '3600'], { Volumes: { '/data': {} } });
    const volume = await anonymousVolume(container);
    await expect(removeContainer(context, operator, name('withvol'), undefined, { force: false, volumes: true })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/running container/i),
    });
    await removeContainer(context, operator, name('withvol'), undefined, { force: true, volumes: true });
    await expect(container.inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(engine.getVolume(volume).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('keeps the anonymous volume without the volumes option', async () => {
    const container = await run('keepvol', ['sleep', '3600'], { Volumes: { '/data': {} } });
    const volume = await anonymousVolume(container);
    await removeContainer(context, operator, name('keepvol'), undefined, { force: true, volumes: false });
    await expect(container.inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await engine.getVolume(volume).inspect()).Name).toBe(volume);
    await engine.getVolume(volume).remove();
  });
});
