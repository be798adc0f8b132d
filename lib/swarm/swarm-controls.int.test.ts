// Node controls and the fuller service spec against the real single-node swarm, each result read
// back through dockerode or the docker CLI. The swarm is shared: the node is drained for as short
// a time as possible and always made active again.
import { afterAll, describe, expect, it } from 'vitest';
import { docker, dockerOk, testImage } from '@/tests/ipam/support/docker-cli';
import { uniqueId } from '@/tests/ipam/support/fixtures';
import { testDockerClient, testEngineClient } from '@/tests/support/docker-client';
import { eventually } from '@/tests/support/eventually';
import { updateNodeSchema } from './node-schema';
import { listNodes, type NodeView, updateNode } from './nodes';
import { removeNode } from './remove-node';
import { createService, createServiceSchema, inspectService, listServiceTasks, removeService, rollbackService, updateService, updateServiceSchema } from './services';
import type { ServiceSpec } from './service-spec';

const id = uniqueId();
const service = `swctl-${id}`;
const retag = `shipyard-test/swctl:${id}`;
const label = `swctl-${id}`;

describe('swarm node controls and service rollouts on the real engine', () => {
  const dockerClient = testDockerClient();
  const engine = testEngineClient();
  const self = async (): Promise<NodeView> => {
    const node = (await listNodes(engine)).find((candidate) => candidate.leader);
    if (!node) throw new Error('no leader node');
    return node;
  };
  const specOf = async () => ((await dockerClient.getService(service).inspect()) as { Spec: ServiceSpec; UpdateStatus?: { State?: string } });

  afterAll(async () => {
    const node = await self();
    await docker('node', 'update', '--availability', 'active', node.id);
    await docker('node', 'update', '--label-rm', label, node.id);
    await docker('service', 'rm', service);
    await docker('image', 'rm', retag);
  });

  it('drains, pauses and activates the node for real', async () => {
    const node = await self();
    try {
      expect((await updateNode(engine, node.id, { availability: 'drain' })).availability).toBe('drain');
      expect(await dockerOk('node', 'inspect', '-f', '{{.Spec.Availability}}', node.id)).toBe('drain');
    } finally {
      expect((await updateNode(engine, node.id, { availability: 'active' })).availability).toBe('active');
    }
    expect(await dockerOk('node', 'inspect', '-f', '{{.Spec.Availability}}', node.id)).toBe('active');
    try {
      expect((await updateNode(engine, node.id, { availability: 'pause' })).availability).toBe('pause');
      expect(await dockerOk('node', 'inspect', '-f', '{{.Spec.Availability}}', node.id)).toBe('pause');
    } finally {
      await updateNode(engine, node.id, { availability: 'active' });
    }
    expect(await dockerOk('node', 'inspect', '-f', '{{.Spec.Availability}}', node.id)).toBe('active');
  });

  it('adds and removes one label, keeping the labels it was not asked about', async () => {
    const node = await self();
    const keep = `${label}-keep`;
    await dockerOk('node', 'update', '--label-add', `${keep}=1`, node.id);
    try {
      const added = await updateNode(engine, node.id, updateNodeSchema.parse({ addLabels: { [label]: 'blue' } }));
      expect(added.labels).toMatchObject({ [label]: 'blue', [keep]: '1' });
      expect(await dockerOk('node', 'inspect', '-f', `{{index .Spec.Labels "${label}"}}`, node.id)).toBe('blue');
      const removed = await updateNode(engine, node.id, updateNodeSchema.parse({ removeLabels: [label] }));
      expect(removed.labels).not.toHaveProperty(label);
      expect(removed.labels).toHaveProperty(keep, '1');
      expect(await dockerOk('node', 'inspect', '-f', '{{json .Spec.Labels}}', node.id)).not.toContain(`"${label}"`);
    } finally {
      await docker('node', 'update', '--label-rm', keep, node.id);
    }
    expect(updateNodeSchema.safeParse({ addLabels: { 'has space': 'x' } }).success).toBe(false);
  });

  it('refuses to demote or remove the only manager, in words, and the node stays a manager', async () => {
    const node = await self();
    await expect(updateNode(engine, node.id, { role: 'worker' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/only manager: demoting it would leave the swarm with no manager.*Promote another node/),
    });
    await expect(removeNode(engine, node.id, true)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining("is the swarm's only manager: removing it") });
    expect(await dockerOk('node', 'inspect', '-f', '{{.Spec.Role}} {{.ManagerStatus.Leader}}', node.id)).toBe('manager true');
    await expect(removeNode(engine, `nonode${id}`, false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Promoting a manager is a no-op, not an error.
    expect((await updateNode(engine, node.id, { role: 'manager' })).role).toBe('manager');
  });

  it('creates a service with resources and rollout policies, updates image and env, rolls back, removes', async () => {
    const created = await createService(
      engine,
      createServiceSchema.parse({
        name: service,
        image: testImage(),
        command: ['sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait'],
        env: ['STAGE=one'],
        replicas: 1,
        cpuLimit: 0.5,
        cpuReservation: 0.1,
        memoryLimitMb: 64,
        memoryReservationMb: 16,
        constraints: ['node.role==manager'],
        updateConfig: { parallelism: 1, delaySeconds: 1, failureAction: 'rollback', monitorSeconds: 2, maxFailureRatio: 0.5, order: 'start-first' },
        rollbackConfig: { parallelism: 0, failureAction: 'continue', monitorSeconds: 1, order: 'stop-first' },
        labels: { 'shipyard-test': 'swarm-controls' },
      }),
      'operator',
    );
    expect(created).toMatchObject({ cpuLimit: 0.5, cpuReservation: 0.1, memoryLimitMb: 64, memoryReservationMb: 16, canRollback: false, env: ['STAGE=one'] });
    const spec = (await specOf()).Spec;
    expect(spec.UpdateConfig).toEqual({ Parallelism: 1, Delay: 1e9, FailureAction: 'rollback', Monitor: 2e9, MaxFailureRatio: 0.5, Order: 'start-first' });
    expect(spec.RollbackConfig).toEqual({ Parallelism: 0, FailureAction: 'continue', Monitor: 1e9, MaxFailureRatio: 0, Order: 'stop-first' });
    expect(spec.TaskTemplate?.Resources).toEqual({
      Limits: { NanoCPUs: 500_000_000, MemoryBytes: 64 * 1048576 },
      Reservations: { NanoCPUs: 100_000_000, MemoryBytes: 16 * 1048576 },
    });
    await eventually(() => inspectService(engine, service), (view) => view.replicasRunning === 1);

    await dockerOk('tag', testImage(), retag);
    const updated = await updateService(engine, service, updateServiceSchema.parse({ image: retag, env: ['STAGE=two', 'EXTRA=1'], memoryLimitMb: 96 }), 'operator');
    expect(updated).toMatchObject({ image: retag, env: ['STAGE=two', 'EXTRA=1'], memoryLimitMb: 96, canRollback: true });
    const after = (await specOf()).Spec;
    expect(after.TaskTemplate?.ContainerSpec?.Image).toContain(retag);
    expect(after.TaskTemplate?.ContainerSpec?.Env).toEqual(['STAGE=two', 'EXTRA=1']);
    expect(after.TaskTemplate?.Resources?.Limits).toEqual({ NanoCPUs: 500_000_000, MemoryBytes: 96 * 1048576 });
    expect(after.UpdateConfig?.Order).toBe('start-first');
    const tasks = await eventually(
      () => listServiceTasks(engine, service),
      (list) => list.some((task) => task.desiredState === 'running' && task.state === 'running' && task.image === retag),
    );
    expect(tasks.find((task) => task.image === retag)?.node).not.toBe('');
    // Both containers of a start-first update: the new one runs before the old one is shut down.
    expect(tasks.filter((task) => task.desiredState === 'shutdown').length).toBeGreaterThanOrEqual(1);

    const rolledBack = await rollbackService(engine, service);
    expect(rolledBack).toMatchObject({ image: testImage(), env: ['STAGE=one'], memoryLimitMb: 64 });
    const restored = await specOf();
    expect(restored.Spec.TaskTemplate?.ContainerSpec?.Env).toEqual(['STAGE=one']);
    expect(restored.Spec.TaskTemplate?.ContainerSpec?.Image).not.toContain(retag);
    expect(restored.UpdateStatus?.State).toMatch(/^rollback_/);
    await eventually(
      () => listServiceTasks(engine, service),
      (list) => list.some((task) => task.desiredState === 'running' && task.state === 'running' && task.image === testImage()),
    );
    await eventually(() => inspectService(engine, service), (view) => view.updateStatus?.state === 'rollback_completed');

    await expect(updateService(engine, service, updateServiceSchema.parse({ endpointMode: 'dnsrr', ports: [{ target: 80, published: 18080 }] }), 'operator')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'endpointMode', message: expect.stringContaining('host mode') }],
    });
    await expect(updateService(engine, service, updateServiceSchema.parse({ cpuLimit: null, cpuReservation: 64 }), 'operator')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('No node has 64 CPUs'),
    });

    await removeService(engine, service);
    expect((await docker('service', 'inspect', service)).code).not.toBe(0);
  }, 240_000);
});
