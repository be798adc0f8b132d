// How a service is doing, read from its tasks the way an operator would: all running, still
// starting, or failing (with the last task's error), so "0 / 2" never hides why.

/** The part of a task the status reads (TaskView has it; so does Docker's task reshaped). */
export interface TaskStateLike {
  readonly state: string;
  readonly desiredState: string;
  readonly error: string | null;
  readonly message: string;
  readonly updatedAt: string;
}

export type ServiceHealth = 'running' | 'starting' | 'failing' | 'stopped';

export interface ServiceStatus {
  readonly health: ServiceHealth;
  readonly running: number;
  /** Replicas asked for; for a global service, the tasks the swarm wants running. */
  readonly desired: number;
  /** The newest failed or rejected task's error, while the service is not all running. */
  readonly lastError: string | null;
  /** The health in words after the count: "running", "failing: starting container failed: …". */
  readonly summary: string;
  /** One line for a table cell or a page header: "0 / 2 failing: starting container failed: …". */
  readonly text: string;
}

const FAILED = new Set(['failed', 'rejected', 'orphaned']);

const newestFirst = (a: TaskStateLike, b: TaskStateLike) => b.updatedAt.localeCompare(a.updatedAt);

/**
 * The status of a service with `replicas` wanted (null: global) from its tasks, as Docker lists
 * them (old ones included). Failing means the newest task to end did so with an error since the
 * last one came up, i.e. the swarm keeps replacing tasks that do not start.
 */
export function serviceStatus(replicas: number | null, tasks: readonly TaskStateLike[]): ServiceStatus {
  const running = tasks.filter((task) => task.state === 'running' && task.desiredState === 'running').length;
  const desired = replicas ?? tasks.filter((task) => task.desiredState === 'running').length;
  const sorted = [...tasks].sort(newestFirst);
  const newestRunning = sorted.find((task) => task.state === 'running');
  const newestFailure = sorted.find((task) => FAILED.has(task.state) || (task.state === 'shutdown' && task.error));
  const failingSince = newestFailure && (!newestRunning || newestFailure.updatedAt >= newestRunning.updatedAt);
  const status = (health: ServiceHealth, summary: string, lastError: string | null = null): ServiceStatus => ({ health, running, desired, lastError, summary, text: `${running} / ${desired} ${summary}` });
  if (desired === 0) return status('stopped', '(scaled to 0)');
  if (running >= desired) return status('running', 'running');
  if (failingSince && newestFailure) {
    const lastError = newestFailure.error || newestFailure.message || newestFailure.state;
    return status('failing', `failing: ${lastError}`, lastError);
  }
  return status('starting', 'starting');
}
