'use client';

import { RelativeTime } from '@/app/components/relative-time';
import { ErrorBox } from '@/app/components/error-box';
import { DataTable } from '@/app/components/data-table';
import styles from '../../swarm.module.css';
import { useLiveTasks } from './service-live';

const stateClass = (state: string) => (state === 'running' ? styles.running : ['failed', 'rejected', 'orphaned'].includes(state) ? styles.failed : ['pending', 'assigned', 'preparing', 'starting', 'new', 'accepted'].includes(state) ? styles.pending : '');

/** The service's tasks, read again every 2 s while the page is open (ServiceLiveProvider): rollouts replace them asynchronously. */
export function ServiceTasks() {
  const { tasks, error } = useLiveTasks();
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
