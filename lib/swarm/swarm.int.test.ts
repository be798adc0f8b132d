// Nodes and services against the real (single-node) swarm, each result checked with the docker CLI.
import { afterAll, describe, expect, it } from 'vitest';
import { docker, dockerOk, testImage } from '@/tests/ipam/support/docker-cli';
import { uniqueId } from '@/tests/ipam/support/fixtures';
import { testEngineClient } from '@/tests/support/docker-client';
import { eventually } from '@/tests/support/eventually';
import { readJoinTokens, rotateJoinToken } from './join-tokens';
import { listNodes, updateNode } from './nodes';
import { createService, createServiceSchema, inspectService, listServiceTasks, listServices, removeService, rollbackService, serviceLogs, updateService, updateServiceSchema } from './services';

const id = uniqueId();
const service = `sysvc-${id}`;
const refused = `sysvc-refused-${id}`;
const network = `sysvc-net-${id}`;
const retag = `shipyard-test/busybox:${id}`;
const boundVolume = `sysvc-bound-${id}`;

describe('swarm nodes and services on the real engine', () => {
  const engine = testEngineClient();

  afterAll(async () => {
    await docker('service', 'rm', service, refused);
    await docker('network', 'rm', network);
    await docker('image', 'rm', retag);
    await docker('volume', 'rm', '-f', boundVolume);
  });

  it('lists this node as the leader manager with its engine version', async () => {
    const nodes = await listNodes(engine);
    const self = nodes.find((node) => node.leader);
    expect(self).toMatchObject({ role: 'manager', state: 'ready', availability: 'active' });
    expect(self?.engineVersion).toBe(await dockerOk('version', '-f', '{{.Server.Version}}'));
  });

  // The swarm is shared with other test runs: never drain or pause its only node here.
  it('edits node labels and keeps the node active', async () => {
    const [self] = (await listNodes(engine)).filter((node) => node.leader);
    if (!self) throw new Error('no leader');
    const labels = { ...self.labels, [`shipyard-test-${id}`]: 'yes' };
    expect((await updateNode(engine, self.id, { labels })).labels[`shipyard-test-${id}`]).toBe('yes');
    expect(await dockerOk('node', 'inspect', '-f', `{{index .Spec.Labels "shipyard-test-${id}"}}`, self.id)).toBe('yes');
    const { [`shipyard-test-${id}`]: _dropped, ...rest } = labels;
    expect(_dropped).toBe('yes');
    expect((await updateNode(engine, self.id, { labels: rest, availability: 'active' })).availability).toBe('active');
    expect(await dockerOk('node', 'inspect', '-f', '{{.Spec.Availability}}', self.id)).toBe('active');
    expect(await dockerOk('node', 'inspect', '-f', '{{json .Spec.Labels}}', self.id)).not.toContain(`shipyard-test-${id}`);
  });

  it('reads the join tokens and rotates the worker token only', async () => {
    const before = await readJoinTokens(engine);
    expect(before.worker).toMatch(/^SWMTKN-1-/);
    expect(before.worker).toBe(await dockerOk('swarm', 'join-token', '-q', 'worker'));
    expect(before.managerAddresses.length).toBeGreaterThan(0);
    const after = await rotateJoinToken(engine, 'worker');
    expect(after.worker).not.toBe(before.worker);
    expect(after.worker).toBe(await dockerOk('swarm', 'join-token', '-q', 'worker'));
    expect(after.manager).toBe(before.manager);
  });

  it('refuses host-escaping options to an operator and privileged to everyone, before Docker sees them', async () => {
    const input = createServiceSchema.parse({ name: refused, image: testImage(), mounts: [{ type: 'bind', source: '/etc', target: '/host-etc' }], capAdd: ['NET_ADMIN'] });
    await expect(createService(engine, input, 'operator')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('bind mounts of host paths, added capabilities (NET_ADMIN)'),
    });
    const hostNet = createServiceSchema.parse({ name: refused, image: testImage(), networks: ['host'] });
    await expect(createService(engine, hostNet, 'operator')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const privileged = createServiceSchema.parse({ name: refused, image: testImage(), privileged: true });
    await expect(createService(engine, privileged, 'admin')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(createServiceSchema.safeParse({ name: refused, image: testImage(), devices: ['/dev/sda'] }).success).toBe(false);
    expect((await docker('service', 'inspect', refused)).code).not.toBe(0);
    await expect(updateService(engine, 'any', updateServiceSchema.parse({ capAdd: ['SYS_ADMIN'] }), 'operator')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it("refuses an operator's service mounting a named volume made with driver options, on create and update", async () => {
    await dockerOk('volume', 'create', '--opt', 'type=tmpfs', '--opt', 'device=tmpfs', '--opt', 'o=size=1m', boundVolume);
    const mounts = [{ type: 'volume', source: boundVolume, target: '/data' }];
    const words = `the volume ${boundVolume}, which was made with driver options`;
    await expect(createService(engine, createServiceSchema.parse({ name: refused, image: testImage(), mounts }), 'operator')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining(words),
    });
    await expect(updateService(engine, 'any', updateServiceSchema.parse({ mounts }), 'operator')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining(words) });
    // A volume that does not exist yet is made without options: not refused by this rule (the
    // update then fails only because there is no such service).
    const fresh = [{ type: 'volume', source: `sysvc-fresh-${id}`, target: '/data' }];
    await expect(updateService(engine, `sysvc-none-${id}`, updateServiceSchema.parse({ mounts: fresh }), 'operator')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await docker('service', 'inspect', refused)).code).not.toBe(0);
  });

  it('creates a service on an overlay with CPU limits and a constraint, scales it, updates its image, and removes it', async () => {
    await dockerOk('network', 'create', '-d', 'overlay', '--attachable', '--label', 'shipyard-test=swarm', network);
    const input = createServiceSchema.parse({
      name: service,
      image: testImage(),
      // Exits on SIGTERM at once (a bare sleep as PID 1 ignores it and each task takes 10 s to stop).
      command: ['sh', '-c', `echo started-${id}; trap "exit 0" TERM; sleep 600 & wait`],
      replicas: 1,
      networks: [network],
      cpuLimit: 0.5,
      cpuReservation: 0.1,
      constraints: ['node.role==manager'],
      labels: { 'shipyard-test': 'swarm' },
    });
    const created = await createService(engine, input, 'operator');
    expect(created).toMatchObject({ name: service, mode: 'replicated', replicasDesired: 1, networks: [network], cpuLimit: 0.5, cpuReservation: 0.1, constraints: ['node.role==manager'] });
    expect(await dockerOk('service', 'inspect', '-f', '{{.Spec.TaskTemplate.Resources.Limits.NanoCPUs}}', service)).toBe('500000000');
    await eventually(() => inspectService(engine, service), (view) => view.replicasRunning === 1);

    const logs = await eventually(() => serviceLogs(engine, service, 50), (lines) => lines.some((line) => line.text === `started-${id}`));
    expect(logs.every((line) => line.stream === 'stdout')).toBe(true);

    await updateService(engine, service, updateServiceSchema.parse({ replicas: 2 }), 'operator');
    await eventually(() => inspectService(engine, service), (view) => view.replicasRunning === 2);
    const running = (await dockerOk('service', 'ps', '--filter', 'desired-state=running', '--format', '{{.CurrentState}}', service)).split('\n');
    expect(running.filter((state) => state.startsWith('Running'))).toHaveLength(2);
    expect((await listServices(engine)).find((view) => view.name === service)).toMatchObject({ replicasRunning: 2, replicasDesired: 2 });

    await dockerOk('tag', testImage(), retag);
    await updateService(engine, service, updateServiceSchema.parse({ image: retag }), 'operator');
    const tasks = await eventually(
      () => listServiceTasks(engine, service),
      (list) => list.filter((task) => task.desiredState === 'running' && task.state === 'running' && task.image === retag).length === 2,
    );
    expect(tasks.every((task) => task.node !== '')).toBe(true);
    expect(await dockerOk('service', 'inspect', '-f', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', service)).toContain(retag);

    const rolledBack = await rollbackService(engine, service);
    expect(rolledBack.image).toBe(testImage());
    expect(await dockerOk('service', 'inspect', '-f', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', service)).not.toContain(retag);
    await eventually(
      () => listServiceTasks(engine, service),
      (list) => list.filter((task) => task.desiredState === 'running' && task.state === 'running' && task.image === testImage()).length === 2,
    );

    await removeService(engine, service);
    expect((await docker('service', 'inspect', service)).code).not.toBe(0);
    await expect(removeService(engine, service)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rollbackService(engine, service)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 240_000);
});
