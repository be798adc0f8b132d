/** A column title per entry; `false` leaves a column out (e.g. actions a viewer may not take), '' is an untitled one. */
export type Columns = readonly (string | false)[];

export const shownColumns = (columns: Columns): string[] => columns.filter((column): column is string => column !== false);

export function TableHead({ columns }: { columns: Columns }) {
  return (
    <thead>
      <tr>
        {shownColumns(columns).map((column, index) => (column === '' ? <th key={index} /> : <th key={index}>{column}</th>))}
      </tr>
    </thead>
  );
}
