import type { ReactNode } from 'react';

/** One cell across the whole table, saying why it has no rows (or holding what belongs under a row). */
export function FullWidthRow({ span, children }: { span: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={span}>{children}</td>
    </tr>
  );
}
