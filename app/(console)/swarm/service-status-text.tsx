import type { ServiceStatus } from '@/lib/swarm/services';
import styles from './swarm.module.css';

const HEALTH_CLASS = { running: styles.running, starting: styles.pending, failing: styles.failed, stopped: '' } as const;

/** A service's status as one line (the count, then the health and the last error), coloured by health; the error in full on hover. */
export function ServiceStatusText({ status, testId }: { status: ServiceStatus; testId?: string }) {
  return (
    <span className={HEALTH_CLASS[status.health]} data-health={status.health} title={status.lastError ?? undefined}>
      <span data-testid={testId}>{`${status.running} / ${status.desired}`}</span> <span data-testid={testId && `${testId}-health`}>{status.summary}</span>
    </span>
  );
}
