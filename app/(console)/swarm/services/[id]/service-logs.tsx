'use client';

import { useCallback, useEffect, useState } from 'react';
import { LineCountSelect } from '@/app/components/line-count-select';
import { LogView } from '@/app/components/log-view';
import styles from '../../swarm.module.css';

interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** The last lines of every task (a snapshot: Refresh reads it again). */
export function ServiceLogs({ service }: { service: string }) {
  const [lines, setLines] = useState<LogLine[] | null>(null);
  const [tail, setTail] = useState('200');
  const [error, setError] = useState<string | null>(null);
  const read = useCallback(async () => {
    const response = await fetch(`/api/v1/swarm/services/${encodeURIComponent(service)}/logs?tail=${encodeURIComponent(tail)}`);
    const payload = (await response.json().catch(() => null)) as { lines?: LogLine[]; error?: { message?: string } } | null;
    if (!response.ok) return setError(payload?.error?.message ?? `HTTP ${response.status}`);
    setError(null);
    setLines(payload?.lines ?? []);
  }, [service, tail]);
  useEffect(() => {
    void read();
  }, [read]);
  return (
    <LogView
      testId="service-logs"
      error={error}
      toolbar={
        <>
          <LineCountSelect label="Lines" ariaLabel="Log lines" choices={['50', '200', '1000', '5000']} value={tail} onChange={setTail} />
          <button type="button" onClick={() => void read()}>
            Refresh logs
          </button>
        </>
      }
    >
      <pre className={styles.logs} data-testid="service-log-lines">
        {lines === null
          ? 'Loading…'
          : lines.length === 0
            ? 'No output yet.'
            : lines.map((line, index) => (
                <span key={index} className={line.stream === 'stderr' ? styles.stderr : undefined}>
                  {line.text}
                  {'\n'}
                </span>
              ))}
      </pre>
    </LogView>
  );
}
