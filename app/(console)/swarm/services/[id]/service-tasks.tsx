'use client';

import { RelativeTime } from '@/app/components/relative-time';
import { useEffect, useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { ErrorBox } from '@/app/components/error-box';
import { DataTable } from '@/app/components/data-table';
import type { TaskView } from '@/lib/swarm/services';
import styles from '../../swarm.module.css';

const stateClass = (state: string) => (state === 'running' ? styles.running : ['failed', 'rejected', 'orphaned'].includes(state) ? styles.failed : ['pending', 'assigned', 'preparing', 'starting', 'new', 'accepted'].includes(state) ? styles.pending : '');

/** The service's tasks, read again every 2 s while the page is open: rollouts replace them asynchronously. */
export function ServiceTasks({ service, initial }: { service: string; initial: readonly TaskView[] }) {
  const [tasks, setTasks] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const read = async () => {
      const answer = await api.get<{ tasks: TaskView[] }>(apiPath`/api/v1/swarm/services/${service}/tasks`).catch(ApiError.from);
      if (stopped) return;
      if (answer instanceof ApiError) {
        setError(answer.saidByApi ? answer.message : 'The tasks could not be read');
        return;
      }
      setError(null);
      setTasks(answer.tasks);
    };
    const timer = setInterval(() => void read(), 2_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [service]);
  return (
    <section className="card" data-testid="service-tasks">
      <h2>Tasks</h2>
      <ErrorBox message={error} />
      {tasks.length === 0 ? (
        <p className="muted">No tasks.</p>
      ) : (
        <DataTable columns={['Slot', 'Node', 'State', 'Desired state', 'Image', 'Error', 'Updated']} rows={tasks}>
          {(task) => (
            <tr key={task.id} data-testid="task-row" data-state={task.state} data-desired={task.desiredState}>
              <td>{task.slot ?? '—'}</td>
              <td>{task.node || '—'}</td>
              <td className={stateClass(task.state)}>{task.state}</td>
              <td>{task.desiredState}</td>
              <td>{task.image}</td>
              <td className={task.error ? styles.failed : ''}>{task.error ?? '—'}</td>
              <td>{task.updatedAt ? <RelativeTime iso={task.updatedAt} /> : '—'}</td>
            </tr>
          )}
        </DataTable>
      )}
    </section>
  );
}
