import type { ReactNode } from 'react';

/** A dashboard card: a title, one big figure and a line under it. */
export function StatCard(props: { title: string; figure: ReactNode; sub: ReactNode; figureTestId?: string; subTestId?: string; figureClass?: string; testId?: string }) {
  return (
    <div className="card" data-testid={props.testId}>
      <h2>{props.title}</h2>
      <div className={`figure ${props.figureClass ?? ''}`.trim()} data-testid={props.figureTestId}>
        {props.figure}
      </div>
      <div className="sub" data-testid={props.subTestId}>
        {props.sub}
      </div>
    </div>
  );
}
