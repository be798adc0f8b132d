'use client';

import { useId } from 'react';

/** Why a rollback cannot succeed, said the same way in the list and on the detail page. */
export const NOTHING_TO_ROLL_BACK = 'Not updated yet: there is no earlier spec to roll back to';

/**
 * "Roll back", the same in the services list and on a service's page: disabled, with the reason
 * next to it for screen readers and on hover, when the service has no earlier spec.
 */
export function RollbackButton({ canRollback, busy, onRollback, className }: { canRollback: boolean; busy: boolean; onRollback: () => void; className?: string }) {
  const reason = useId();
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={busy || !canRollback}
        title={canRollback ? 'Back to the spec before the last update' : NOTHING_TO_ROLL_BACK}
        aria-describedby={canRollback ? undefined : reason}
        onClick={onRollback}
      >
        Roll back
      </button>
      {!canRollback && (
        <span id={reason} className="sr-only">
          {NOTHING_TO_ROLL_BACK}
        </span>
      )}
    </>
  );
}
