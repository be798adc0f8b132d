/** A column title per entry; `false` leaves a column out (e.g. actions a viewer may not take), '' is the actions column (titled for screen readers only). */
export type Columns = readonly (string | false)[];

export const shownColumns = (columns: Columns): string[] => columns.filter((column): column is string => column !== false);

export function TableHead({ columns }: { columns: Columns }) {
  return (
    <thead>
      <tr>
        {shownColumns(columns).map((column, index) => (column === '' ? (
          <th key={index}>
            <span className="sr-only">Actions</span>
          </th>
        ) : (
          <th key={index}>{column}</th>
        )))}
      </tr>
    </thead>
  );
}
