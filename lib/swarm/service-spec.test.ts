import { describe, expect, it } from 'vitest';
import { createServiceSchema, updateServiceSchema } from './service-schema';
import { checkReservationFits, checkSpec, createSpecOf, nextSpecOf } from './service-spec';
import { toServiceView } from './service-view';

const base = { name: 'web', image: 'nginx:1.27' };

describe('service requests as Docker specs', () => {
  it('writes resources, rollout policies, ports and the endpoint mode in Docker units', () => {
    const spec = createSpecOf(
      createServiceSchema.parse({
        ...base,
        cpuLimit: 0.5,
        cpuReservation: 0.25,
        memoryLimitMb: 128,
        memoryReservationMb: 32,
        ports: [{ target: 80, published: 8080, mode: 'host' }],
        endpointMode: 'dnsrr',
        updateConfig: { parallelism: 2, delaySeconds: 1.5, failureAction: 'rollback', order: 'start-first', monitorSeconds: 3 },
        rollbackConfig: { parallelism: 0 },
      }),
    );
    expect(spec.TaskTemplate?.Resources).toEqual({ Limits: { NanoCPUs: 500_000_000, MemoryBytes: 128 * 1048576 }, Reservations: { NanoCPUs: 250_000_000, MemoryBytes: 32 * 1048576 } });
    expect(spec.UpdateConfig).toEqual({ Parallelism: 2, Delay: 1_500_000_000, FailureAction: 'rollback', Monitor: 3_000_000_000, MaxFailureRatio: 0, Order: 'start-first' });
    expect(spec.RollbackConfig).toEqual({ Parallelism: 0, Delay: 0, FailureAction: 'pause', Monitor: 5_000_000_000, MaxFailureRatio: 0, Order: 'stop-first' });
    expect(spec.EndpointSpec).toEqual({ Mode: 'dnsrr', Ports: [{ TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp', PublishMode: 'host' }] });
    expect(() => checkSpec(spec)).not.toThrow();

    // And back: the view the edit form starts from holds what was asked.
    const view = toServiceView({ ID: 'x', Spec: spec }, 0, new Map());
    expect(view).toMatchObject({ cpuLimit: 0.5, cpuReservation: 0.25, memoryLimitMb: 128, memoryReservationMb: 32, endpointMode: 'dnsrr', canRollback: false });
    expect(view.updateConfig).toEqual({ parallelism: 2, delaySeconds: 1.5, failureAction: 'rollback', monitorSeconds: 3, maxFailureRatio: 0, order: 'start-first' });
  });

  it('applies only the fields an update gives, and null clears a limit or the command', () => {
    const current = createSpecOf(createServiceSchema.parse({ ...base, command: ['sleep', '9'], env: ['A=1'], cpuLimit: 1, memoryLimitMb: 64, replicas: 3, constraints: ['node.role==worker'] }));
    const next = nextSpecOf(current, updateServiceSchema.parse({ env: ['A=2', 'B=3'], cpuLimit: null, command: null, updateConfig: { order: 'start-first' } }));
    expect(next.TaskTemplate?.ContainerSpec).toMatchObject({ Image: 'nginx:1.27', Env: ['A=2', 'B=3'] });
    expect(next.TaskTemplate?.ContainerSpec?.Command).toBeUndefined();
    expect(next.TaskTemplate?.Resources).toEqual({ Limits: { MemoryBytes: 64 * 1048576 }, Reservations: {} });
    expect(next.Mode).toEqual({ Replicated: { Replicas: 3 } });
    expect(next.TaskTemplate?.Placement?.Constraints).toEqual(['node.role==worker']);
    expect(next.UpdateConfig?.Order).toBe('start-first');
    expect(current.TaskTemplate?.ContainerSpec?.Env).toEqual(['A=1']);
  });

  it('refuses to scale a global service', () => {
    const global = createSpecOf(createServiceSchema.parse({ ...base, mode: 'global' }));
    expect(() => nextSpecOf(global, updateServiceSchema.parse({ replicas: 2 }))).toThrow(/global service/);
  });

  it('explains what Docker would refuse: dnsrr behind the routing mesh, a reservation above its limit or above every node', () => {
    const dnsrr = nextSpecOf(createSpecOf(createServiceSchema.parse({ ...base, ports: [{ target: 80, published: 8080 }] })), updateServiceSchema.parse({ endpointMode: 'dnsrr' }));
    expect(() => checkSpec(dnsrr)).toThrow(/publish them in host mode/);
    const above = nextSpecOf(createSpecOf(createServiceSchema.parse({ ...base, cpuReservation: 0.5 })), updateServiceSchema.parse({ cpuLimit: 0.25 }));
    expect(() => checkSpec(above)).toThrow(/CPU reservation \(0.5\) is above the limit \(0.25\)/);
    const huge = createSpecOf(createServiceSchema.parse({ ...base, cpuReservation: 64 }));
    expect(() => checkReservationFits(huge, [{ cpus: 2, memoryBytes: 2 ** 30 }])).toThrow('No node has 64 CPUs to reserve: the largest has 2');
    expect(() => checkReservationFits(huge, [{ cpus: 64, memoryBytes: 2 ** 30 }])).not.toThrow();
  });

  it('gives field errors for bad bodies', () => {
    const paths = (body: unknown) => (createServiceSchema.safeParse(body).error?.issues ?? []).map((issue) => issue.path.join('.'));
    expect(paths({ ...base, memoryLimitMb: 2 })).toEqual(['memoryLimitMb']);
    expect(paths({ ...base, cpuLimit: 0.5, cpuReservation: 1 })).toEqual(['cpuReservation']);
    expect(paths({ ...base, ports: [{ target: 80, published: 81 }, { target: 90, published: 81 }] })).toEqual(['ports.1.published']);
    expect(paths({ ...base, updateConfig: { order: 'sideways' } })).toEqual(['updateConfig.order']);
    expect(paths({ ...base, rollbackConfig: { failureAction: 'rollback' } })).toEqual(['rollbackConfig.failureAction']);
    expect(updateServiceSchema.safeParse({}).success).toBe(false);
    expect(updateServiceSchema.safeParse({ mode: 'global' }).success).toBe(false);
  });
});
