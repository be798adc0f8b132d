import type { ReactNode } from 'react';
import { ErrorBox } from './error-box';

/** A page that could not be read: its title, why, and where to go instead (if anywhere). */
export function PageFailure({ title, message, testId, children }: { title: ReactNode; message: string; testId?: string; children?: ReactNode }) {
  return (
    <>
      <h1>{title}</h1>
      <ErrorBox message={message} testId={testId} />
      {children}
    </>
  );
}
