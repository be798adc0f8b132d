// The containers library against the real engine and a flat network whose IPAM is our own sidecar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { containerLogs } from '@/lib/containers/container-logs';
import { containerStats } from '@/lib/containers/container-stats';
import { createContainer } from '@/lib/containers/create-container';
import { createContainerSchema, type CreateContainerInput } from '@/lib/containers/container-schema';
import { engineHandlesFrom, stopEngines } from '@/lib/engines/engines';
import { inspectContainer } from '@/lib/containers/inspect-container';
import { removeContainer, runLifecycleAction } from '@/lib/containers/lifecycle';
import { listContainers } from '@/lib/containers/list-containers';
import { CLONE_OF_LABEL, scaleContainer } from '@/lib/containers/scale';
import { updateLimits } from '@/lib/containers/update-limits';
import { listEvents } from '@/prisma-free-db';
import { openTestDatabase } from '@/prisma-free-db/testing/test-database';
import { docker, dockerOk, testImage } from '../ipam/support/docker-cli';
import { createFlatNetwork, type FlatNetwork } from './support/flat-network';

let flat: FlatNetwork;
let context: ContainerContext;
let admin: Actor;
let operator: Actor;
let disposeDatabase: () => Promise<void>;
const LABEL = 'io.shipyard.test=containers-int';

function input(fields: Record<string, unknown>): CreateContainerInput {
  return createContainerSchema.parse({ image: testImage(), command: ['sleep', '600'], labels: { 'io.shipyard.test': 'containers-int' }, ...fields });
}

function name(suffix: string): string {
  return `syc-${flat.id}-${suffix}`;
}

async function inspectField(container: string, template: string): Promise<string> {
  return dockerOk('inspect', '-f', template, container);
}

beforeAll(async () => {
  flat = await createFlatNetwork('ci');
  context = { handles: engineHandlesFrom({ SHIPYARD_DOCKER: process.env.SHIPYARD_DOCKER }), flatNetwork: flat.name };
  const database = await openTestDatabase('containers');
  disposeDatabase = database.dispose;
  admin = { username: 'ada', role: 'admin', address: 'test', database: database.db };
  operator = { username: 'otto', role: 'operator', address: 'test', database: database.db };
});

afterAll(async () => {
  const left = await docker('ps', '-aq', '--filter', `label=${LABEL}`, '--filter', `name=syc-${flat?.id}`);
  if (left.stdout) await docker('rm', '-f', ...left.stdout.split('\n'));
  if (context) stopEngines(context.handles);
  await flat?.dispose();
  await disposeDatabase?.();
});

describe('create', () => {
  it('creates with a cpuset, NanoCpus and memory on the flat network at a fixed address, as docker inspect shows', async () => {
    const fixed = `${flat.net}.42`;
    const created = await createContainer(context, admin, input({ name: name('fixed'), cpuset: '0', cpus: 0.5, memoryMb: 64, ipv4Address: fixed }));
    expect(created).toMatchObject({ name: name('fixed'), state: 'running', network: flat.name, address: fixed, cpus: 0.5, cpuset: '0', memoryBytes: 64 * 1024 * 1024 });
    expect(await inspectField(name('fixed'), '{{.HostConfig.NanoCpus}} {{.HostConfig.CpusetCpus}} {{.HostConfig.Memory}}')).toBe(`500000000 0 ${64 * 1024 * 1024}`);
    expect(await inspectField(name('fixed'), `{{(index .NetworkSettings.Networks "${flat.name}").IPAddress}}`)).toBe(fixed);

    const events = await listEvents(admin.database, { limit: 10 });
    expect(events.find((event) => event.action === 'container.create' && event.target?.endsWith(`/${name('fixed')}`))).toMatchObject({
      actor: 'ada',
      outcome: 'success',
      details: expect.objectContaining({ cpuset: '0', cpus: 0.5, ipv4Address: fixed }),
    });
  });

  it('keeps the fixed address across a restart', async () => {
    const restarted = await runLifecycleAction(context, admin, name('fixed'), undefined, 'restart', { timeoutSeconds: 0 });
    expect(restarted).toMatchObject({ state: 'running', address: `${flat.net}.42` });
  });

  it('gives a container without a fixed address one from the ip-range', async () => {
    const created = await createContainer(context, admin, input({ name: name('auto') }));
    const last = Number(created.address?.split('.')[3]);
    expect(created.address?.startsWith(`${flat.net}.`)).toBe(true);
    expect(last).toBeGreaterThanOrEqual(10);
    expect(last).toBeLessThanOrEqual(60);
  });

  it('answers each field the host cannot honour with its own message', async () => {
    const cores = Number(await dockerOk('info', '-f', '{{.NCPU}}'));
    const attempt = createContainer(context, admin, input({ name: name('toomany'), cpus: cores + 1, cpuset: `0-${cores}` }));
    await expect(attempt).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [
        { path: 'cpus', message: expect.stringContaining(`has ${cores} core`) },
        { path: 'cpuset', message: expect.stringContaining(`core ${cores} does not exist`) },
      ],
    });
    await expect(createContainer(context, admin, input({ network: 'bridge', ipv4Address: '172.17.0.99' }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'ipv4Address', message: expect.stringContaining('user-defined network') }],
    });
    await expect(createContainer(context, admin, input({ image: 'no-such-image:never' }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'image', message: expect.stringContaining('pull it there first') }],
    });
    await expect(createContainer(context, admin, input({ host: 'no-such-host' }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'host' }] });
    await expect(createContainer(context, admin, input({ name: name('fixed') }))).rejects.toMatchObject({ code: 'CONFLICT', fields: [{ path: 'name' }] });
    expect((await docker('inspect', name('toomany'))).code).not.toBe(0);
  });

  it('refuses host-escaping options to an operator and creates nothing; an admin may use them', async () => {
    await expect(createContainer(context, operator, input({ name: name('priv'), privileged: true }))).rejects.toMatchObject({ code: 'FORBIDDEN', fields: [{ path: 'privileged' }] });
    await expect(createContainer(context, operator, input({ name: name('bind'), volumes: [{ source: '/etc', target: '/host-etc' }] }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      fields: [{ path: 'volumes.0.source' }],
    });
    expect((await docker('inspect', name('priv'))).code).not.toBe(0);
    const privileged = await createContainer(context, admin, input({ name: name('priv'), privileged: true, start: false }));
    expect(privileged.state).toBe('created');
    expect(await inspectField(name('priv'), '{{.HostConfig.Privileged}}')).toBe('true');
    // Cloning it would copy privileged mode: also admin-only.
    await expect(scaleContainer(context, operator, name('priv'), undefined, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it("refuses an operator's container mounting a named volume made with driver options; a plain named volume is fine", async () => {
    const bound = name('bound-volume');
    await dockerOk('volume', 'create', '--label', LABEL, '--opt', 'type=tmpfs', '--opt', 'device=tmpfs', '--opt', 'o=size=1m', bound);
    try {
      await expect(createContainer(context, operator, input({ name: name('bound'), volumes: [{ source: bound, target: '/data' }], start: false }))).rejects.toMatchObject({
        code: 'FORBIDDEN',
        fields: [{ path: 'volumes.0.source' }],
      });
      expect((await docker('inspect', name('bound'))).code).not.toBe(0);
      const plain = await createContainer(context, operator, input({ name: name('plain-volume'), volumes: [{ source: name('plain'), target: '/data' }], start: false }));
      expect(plain.state).toBe('created');
    } finally {
      await docker('rm', '-f', name('plain-volume'));
      await docker('volume', 'rm', '-f', bound, name('plain'));
    }
  });
});

describe('lifecycle', () => {
  it('changes the CPU and memory limits of a running container', async () => {
    const updated = await updateLimits(context, operator, name('auto'), undefined, { cpus: 1, cpuset: '0', memoryMb: 128 });
    expect(updated).toMatchObject({ state: 'running', cpus: 1, cpuset: '0', memoryBytes: 128 * 1024 * 1024 });
    expect(await inspectField(name('auto'), '{{.HostConfig.NanoCpus}} {{.HostConfig.CpusetCpus}} {{.HostConfig.Memory}}')).toBe(`1000000000 0 ${128 * 1024 * 1024}`);
    await expect(updateLimits(context, operator, name('auto'), undefined, { cpuset: '0-99' })).rejects.toMatchObject({ fields: [{ path: 'cpuset' }] });
  });

  it('scales by cloning running copies with their own addresses and the same limits', async () => {
    const clones = await scaleContainer(context, operator, name('auto'), undefined, 2);
    expect(clones).toHaveLength(2);
    for (const clone of clones) {
      expect(clone).toMatchObject({ state: 'running', network: flat.name, cpus: 1, cpuset: '0', memoryBytes: 128 * 1024 * 1024 });
      expect(await inspectField(clone.name, `{{index .Config.Labels "${CLONE_OF_LABEL}"}}`)).toBe(name('auto'));
    }
    const addresses = new Set([...clones.map((clone) => clone.address), (await inspectContainer(context, name('auto'))).container.address]);
    expect(addresses.size).toBe(3);
    // A fixed address is not cloned: the copy of "fixed" gets one from the range.
    const [copy] = await scaleContainer(context, operator, name('fixed'), undefined, 1);
    expect(copy?.address).not.toBe(`${flat.net}.42`);
    expect(copy?.address?.startsWith(`${flat.net}.`)).toBe(true);
  });

  it('stops, starts, pauses, unpauses, kills, renames and removes, in the states docker reports', async () => {
    const id = name('life');
    await createContainer(context, operator, input({ name: id }));
    expect((await runLifecycleAction(context, operator, id, undefined, 'pause', {})).state).toBe('paused');
    expect(await inspectField(id, '{{.State.Status}}')).toBe('paused');
    expect((await runLifecycleAction(context, operator, id, undefined, 'unpause', {})).state).toBe('running');
    expect((await runLifecycleAction(context, operator, id, undefined, 'stop', { timeoutSeconds: 0 })).state).toBe('exited');
    expect((await runLifecycleAction(context, operator, id, undefined, 'start', {})).state).toBe('running');
    expect((await runLifecycleAction(context, operator, id, undefined, 'kill', { signal: 'SIGKILL' })).state).toBe('exited');
    const renamed = await runLifecycleAction(context, operator, id, undefined, 'rename', { name: `${id}-renamed` });
    expect(renamed.name).toBe(`${id}-renamed`);
    await expect(runLifecycleAction(context, operator, id, undefined, 'start', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await removeContainer(context, operator, `${id}-renamed`, undefined, { force: false, volumes: true });
    expect((await docker('inspect', `${id}-renamed`)).code).not.toBe(0);

    const actions = (await listEvents(operator.database, { limit: 50 })).filter((event) => event.target?.includes(id)).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['container.pause', 'container.unpause', 'container.stop', 'container.kill', 'container.rename', 'container.remove']));
    const failed = (await listEvents(operator.database, { limit: 50 })).find((event) => event.action === 'container.create' && event.outcome === 'failure');
    expect(failed?.details.reason).toEqual(expect.any(String));
  });

  it('stops a container that ignores SIGTERM: Docker waits its 10 s, longer than the client timeout, and the stop still succeeds', async () => {
    const id = name('stubborn');
    await createContainer(context, operator, input({ name: id, command: ['ping', '127.0.0.1'] }));
    expect((await runLifecycleAction(context, operator, id, undefined, 'stop', {})).state).toBe('exited');
    await removeContainer(context, operator, id, undefined, { force: true, volumes: true });
  });

  it('reports docker errors in words: unpausing a running container is a conflict, not a 500', async () => {
    await expect(runLifecycleAction(context, operator, name('auto'), undefined, 'unpause', {})).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('not paused') });
  });
});

describe('list, inspect and logs', () => {
  it('lists containers with host, flat-network address and limits', async () => {
    const { containers, engines } = await listContainers(context);
    const host = await dockerOk('info', '-f', '{{.Name}}');
    expect(engines.map((engine) => engine.host)).toContain(host);
    expect(containers.find((container) => container.name === name('fixed'))).toMatchObject({
      host,
      state: 'running',
      address: `${flat.net}.42`,
      network: flat.name,
      cpuset: '0',
      cpus: 0.5,
      memoryBytes: 64 * 1024 * 1024,
    });
  });

  it('keeps the listed limits fresh when they change outside the console (docker update, followed through the event stream)', async () => {
    const limitsOf = async () => {
      const { containers } = await listContainers(context);
      const found = containers.find((container) => container.name === name('fixed'));
      return [found?.cpus, found?.cpuset];
    };
    expect(await limitsOf()).toEqual([0.5, '0']); // now cached
    await dockerOk('update', '--cpus', '0.75', '--cpuset-cpus', '0-1', name('fixed'));
    await expect.poll(limitsOf).toEqual([0.75, '0-1']);
  });

  it('inspects: the reshaped view and the raw JSON', async () => {
    const { container, raw } = await inspectContainer(context, name('fixed'));
    expect(container.networks).toEqual([expect.objectContaining({ name: flat.name, address: `${flat.net}.42`, fixedAddress: `${flat.net}.42` })]);
    expect(container.command).toEqual(['sleep', '600']);
    expect(container.labels['io.shipyard.test']).toBe('containers-int');
    expect((raw as { Id: string }).Id).toBe(container.id);
  });

  it('reads the tail of the logs, and a line written after a follow began arrives', async () => {
    const id = name('logs');
    await createContainer(context, operator, input({ name: id, command: ['sh', '-c', 'echo first; echo second; echo third; exec sleep 600'] }));
    const all = async () => new Response(await containerLogs(context, id, { tail: 'all' })).text();
    await expect.poll(all).toBe('first\nsecond\nthird\n');
    // stdout and stderr are separate pipes that Docker does not order: write stderr only now.
    await dockerOk('exec', id, 'sh', '-c', 'echo to-stderr > /proc/1/fd/2');
    await expect.poll(all).toBe('first\nsecond\nthird\nto-stderr\n');
    expect(await new Response(await containerLogs(context, id, { tail: '2' })).text()).toBe('third\nto-stderr\n');
    const stamped = await new Response(await containerLogs(context, id, { tail: 'all', timestamps: 'true' })).text();
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\S+ first\n/);

    const abort = new AbortController();
    const reader = (await containerLogs(context, id, { tail: '0', follow: 'true' }, abort.signal)).getReader();
    await dockerOk('exec', id, 'sh', '-c', 'echo written-after-follow > /proc/1/fd/1');
    let received = '';
    while (!received.includes('written-after-follow\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    abort.abort();
    expect(received).toBe('written-after-follow\n');
  });

  it('gives stats as numbers from the stats stream: a busy container uses CPU, memory within its limit', async () => {
    const id = name('busy');
    await createContainer(context, operator, input({ name: id, command: ['sh', '-c', 'while true; do :; done'], cpus: 0.5, memoryMb: 32 }));
    await expect.poll(async () => (await containerStats(context, id)).cpuPercent, { timeout: 20_000 }).toBeGreaterThan(5);
    const stats = await containerStats(context, id);
    expect(stats.cpuPercent).toBeLessThan(80); // capped at half a core
    expect(stats.memoryBytes).toBeGreaterThan(0);
    expect(stats.memoryLimitBytes).toBe(32 * 1024 * 1024);
    expect(Number.isFinite(stats.networkRxBytes)).toBe(true);
    await removeContainer(context, operator, id, undefined, { force: true, volumes: true });
  });
});
