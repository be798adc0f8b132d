import { describe, expect, it } from 'vitest';
import { describeTask, taskOfLabels } from './task-labels';

describe('taskOfLabels', () => {
  it("reads a replicated task's service, slot, task id and node id", () => {
    expect(
      taskOfLabels({ 'com.docker.swarm.service.name': 'web', 'com.docker.swarm.task.name': 'web.2.k3j9x0', 'com.docker.swarm.node.id': 'n1' }),
    ).toEqual({ service: 'web', slot: 2, taskId: 'k3j9x0', nodeId: 'n1' });
  });

  it('keeps a dotted service name whole, gives a global task no slot, and a standalone container no task', () => {
    expect(taskOfLabels({ 'com.docker.swarm.service.name': 'my.app', 'com.docker.swarm.task.name': 'my.app.3.abc' })).toEqual({ service: 'my.app', slot: 3, taskId: 'abc', nodeId: null });
    expect(taskOfLabels({ 'com.docker.swarm.service.name': 'agent', 'com.docker.swarm.task.name': 'agent.nodeid1.t1', 'com.docker.swarm.node.id': 'nodeid1' })).toEqual({
      service: 'agent',
      slot: null,
      taskId: 't1',
      nodeId: 'nodeid1',
    });
    expect(taskOfLabels({ 'com.example': 'x' })).toBeNull();
    expect(taskOfLabels(undefined)).toBeNull();
  });

  it('describes a task as service.slot on its node', () => {
    expect(describeTask({ service: 'web', slot: 2 }, 'h2')).toBe('web.2 on h2');
    expect(describeTask({ service: 'agent', slot: null }, null)).toBe('agent');
  });
});
