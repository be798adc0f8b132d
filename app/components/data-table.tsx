import type { ReactNode } from 'react';
import { FullWidthRow } from './full-width-row';
import { shownColumns, TableHead, type Columns } from './table-head';

interface Props<Row> {
  columns: Columns;
  rows: readonly Row[];
  /** Renders one row (or a fragment of rows), with its own key. */
  children: (row: Row, index: number) => ReactNode;
  /** Said in one full-width row when there are no rows; without it an empty table stays empty. */
  empty?: string;
  testId?: string;
  className?: string;
}

/** The console's list table: a head from the column titles, a row per item, a line when there is none. */
export function DataTable<Row>({ columns, rows, children, empty, testId, className = 'list' }: Props<Row>) {
  return (
    <table className={className} data-testid={testId}>
      <TableHead columns={columns} />
      <tbody>
        {rows.length === 0 && empty !== undefined && <FullWidthRow span={shownColumns(columns).length}>{empty}</FullWidthRow>}
        {rows.map(children)}
      </tbody>
    </table>
  );
}
