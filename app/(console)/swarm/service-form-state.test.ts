import { describe, expect, it } from 'vitest';
import { createServiceSchema, updateServiceSchema } from '@/lib/swarm/service-schema';
import { createSpecOf } from '@/lib/swarm/service-spec';
import { toServiceView } from '@/lib/swarm/service-view';
import { commandProblem, createBody, initialFormState, updateBody } from './service-form-state';

describe('the service form as an API body', () => {
  it('creates with only what was filled in, and the API accepts it', () => {
    const state = { ...initialFormState(), name: 'web', image: 'nginx:1.27', command: `sh -c 'echo hi'`, env: 'A=1\n\n B=2 ', cpuLimit: '0.5' };
    const body = createBody(state);
    expect(body).toEqual({
      name: 'web',
      mode: 'replicated',
      image: 'nginx:1.27',
      replicas: 1,
      networks: [],
      ports: [],
      endpointMode: 'vip',
      cpuLimit: 0.5,
      constraints: [],
      env: ['A=1', 'B=2'],
      command: ['sh', '-c', 'echo hi'],
    });
    expect(createServiceSchema.safeParse(body).success).toBe(true);
    const withPolicy = createBody({ ...state, updateConfig: { ...state.updateConfig, order: 'start-first' } });
    expect(withPolicy.updateConfig).toMatchObject({ order: 'start-first', parallelism: 1 });
    expect(withPolicy).not.toHaveProperty('rollbackConfig');
  });

  it('edits with only the fields that changed; an emptied limit is null', () => {
    const spec = createSpecOf(createServiceSchema.parse({ name: 'web', image: 'nginx:1.27', replicas: 2, env: ['A=1'], cpuLimit: 1, ports: [{ target: 80, published: 8080 }] }));
    const loaded = initialFormState(toServiceView({ ID: 'x', Spec: spec }, 2, new Map()));
    expect(updateBody(loaded, loaded)).toEqual({});
    const body = updateBody({ ...loaded, replicas: '3', env: 'A=2', cpuLimit: '', ports: loaded.ports.map((port) => ({ ...port, mode: 'host' as const })) }, loaded);
    expect(body).toEqual({ replicas: 3, env: ['A=2'], cpuLimit: null, ports: [{ target: 80, published: 8080, protocol: 'tcp', mode: 'host' }] });
    expect(updateServiceSchema.safeParse(body).success).toBe(true);
  });

  it('edits the command with the shell splitter: loaded as a line that reads back the same, emptied to clear it', () => {
    const spec = createSpecOf(createServiceSchema.parse({ name: 'job', image: 'busybox', command: ['sh', '-c', 'while true; do date; sleep 5; done'] }));
    const loaded = initialFormState(toServiceView({ ID: 'x', Spec: spec }, 0, new Map()));
    expect(loaded.command).toBe(`sh -c 'while true; do date; sleep 5; done'`);
    expect(updateBody(loaded, loaded)).toEqual({});
    expect(updateBody({ ...loaded, command: `sleep "10 20"` }, loaded)).toEqual({ command: ['sleep', '10 20'] });
    expect(updateBody({ ...loaded, command: '' }, loaded)).toEqual({ command: null });
    expect(updateServiceSchema.safeParse({ command: null }).success).toBe(true);
    expect(commandProblem({ ...loaded, command: `sh -c "open` })).toContain('double quote is not closed');
  });

  it('sends what does not parse as typed, so the API names the field', () => {
    const body = createBody({ ...initialFormState(), name: 'web', image: 'x', replicas: 'many' });
    expect(createServiceSchema.safeParse(body).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['replicas']);
  });
});
