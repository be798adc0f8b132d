// "3 min ago" for a table cell; the exact time goes in the cell's title (app/components/relative-time.tsx).

const UNITS: readonly [limitSeconds: number, seconds: number, unit: string][] = [
  [60, 1, 's'],
  [3_600, 60, 'min'],
  [86_400, 3_600, 'h'],
  [86_400 * 45, 86_400, 'd'],
];

/** The time between `iso` and `now` in words ("just now", "3 min ago", "in 2 d"); '—' for no or an unreadable time. */
export function relativeTime(iso: string | null | undefined, now: number = Date.now()): string {
  const then = iso ? Date.parse(iso) : Number.NaN;
  // Docker writes "0001-01-01T00:00:00Z" for a time that never happened.
  if (!Number.isFinite(then) || then <= 0) return '—';
  const seconds = Math.round((now - then) / 1000);
  const size = Math.abs(seconds);
  if (size < 5) return 'just now';
  const unit = UNITS.find(([limit]) => size < limit);
  const text = unit ? `${Math.floor(size / unit[1])} ${unit[2]}` : exactTime(iso ?? '').slice(0, 10);
  if (!unit) return text;
  return seconds >= 0 ? `${text} ago` : `in ${text}`;
}

/** The exact time in UTC to the second, without Docker's nanoseconds: "2026-12-01 15:52:07 UTC". */
export function exactTime(iso: string): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return iso;
  return `${new Date(then).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
