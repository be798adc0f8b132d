'use client';

import { useEffect, useState } from 'react';
import { exactTime, relativeTime } from '@/lib/format/relative-time';

/**
 * "3 min ago", with the exact time (UTC, to the second) on hover and for screen readers; kept
 * current once a minute. The server renders the same text, so it is there without script.
 */
export function RelativeTime({ iso, testId }: { iso: string; testId?: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const exact = exactTime(iso);
  return (
    <time dateTime={iso} title={exact} data-testid={testId} suppressHydrationWarning>
      {relativeTime(iso, now ?? Date.now())}
    </time>
  );
}
