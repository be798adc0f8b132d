import type { ReactNode } from 'react';

/** Settings as a two-column table; each value cell is found as `<testIdPrefix>-<key in kebab case>`. */
export function KeyValueTable({ rows, testIdPrefix, testId }: { rows: readonly (readonly [string, ReactNode])[]; testIdPrefix: string; testId?: string }) {
  return (
    <table className="kv" data-testid={testId}>
      <tbody>
        {rows.map(([key, value]) => (
          <tr key={key}>
            <td>{key}</td>
            <td data-testid={`${testIdPrefix}-${key.toLowerCase().replace(/\s+/g, '-')}`}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
