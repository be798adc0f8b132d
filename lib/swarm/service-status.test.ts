import { describe, expect, it } from 'vitest';
import { serviceStatus, type TaskStateLike } from './service-status';

const task = (state: string, updatedAt: string, error: string | null = null, desiredState = 'running'): TaskStateLike => ({
  state,
  desiredState,
  error,
  message: state,
  updatedAt: `2026-12-02T10:00:${updatedAt}Z`,
});

describe('serviceStatus', () => {
  it('is running when every replica runs', () => {
    expect(serviceStatus(2, [task('running', '01'), task('running', '02'), task('failed', '00', 'old', 'shutdown')])).toMatchObject({ health: 'running', running: 2, desired: 2, text: '2 / 2 running', lastError: null });
  });

  it('is failing with the newest error while tasks keep dying', () => {
    const tasks = [task('failed', '01', 'task: non-zero exit (2)', 'shutdown'), task('rejected', '05', 'No such image: nope:1', 'shutdown'), task('preparing', '06')];
    expect(serviceStatus(2, tasks)).toMatchObject({ health: 'failing', running: 0, lastError: 'No such image: nope:1', text: '0 / 2 failing: No such image: nope:1' });
  });

  it('is starting while tasks come up and none failed since the last one started', () => {
    expect(serviceStatus(3, [task('failed', '01', 'boom', 'shutdown'), task('running', '02'), task('starting', '03')])).toMatchObject({ health: 'starting', text: '1 / 3 starting' });
  });

  it('counts a global service against the tasks the swarm wants running', () => {
    expect(serviceStatus(null, [task('running', '01'), task('running', '02')])).toMatchObject({ health: 'running', desired: 2 });
  });

  it('says when a service is scaled to 0', () => {
    expect(serviceStatus(0, [task('shutdown', '01', null, 'shutdown')])).toMatchObject({ health: 'stopped', text: '0 / 0 (scaled to 0)' });
  });
});
