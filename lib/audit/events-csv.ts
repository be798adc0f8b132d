import type { AuditEvent } from '@/prisma-free-db';

export const CSV_COLUMNS = ['time', 'actor', 'action', 'target', 'outcome', 'address', 'details'] as const;

/**
 * One CSV field: quoted when needed, and a leading = + - @ (or tab, CR) defused with a quote
 * mark, since actors and targets come from users and spreadsheets run formulas.
 */
export function csvField(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

/** The events as CSV (RFC 4180, CRLF line ends), a header row first. */
export function eventsToCsv(events: readonly AuditEvent[]): string {
  const rows = events.map((event) =>
    [
      event.time.toISOString(),
      event.actor ?? '',
      event.action,
      event.target ?? '',
      event.outcome,
      event.address ?? '',
      Object.keys(event.details).length > 0 ? JSON.stringify(event.details) : '',
    ]
      .map(csvField)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
