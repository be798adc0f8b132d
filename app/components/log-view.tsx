import type { ReactNode } from 'react';
import { ErrorBox } from './error-box';

/** A logs card: its toolbar (how many lines, what to show), why reading failed, and the lines themselves. */
export function LogView({ toolbar, error, testId, children }: { toolbar: ReactNode; error: string | null; testId?: string; children: ReactNode }) {
  return (
    <section className="card" data-testid={testId}>
      <h2>Logs</h2>
      <div className="toolbar">{toolbar}</div>
      <ErrorBox message={error} />
      {children}
    </section>
  );
}
