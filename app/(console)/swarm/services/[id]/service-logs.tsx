'use client';

import { useCallback, useEffect, useState } from 'react';
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
    <section className="card" data-testid="service-logs">
      <h2>Logs</h2>
      <div className="toolbar">
        <label>
          Lines{' '}
          <select aria-label="Log lines" value={tail} onChange={(event) => setTail(event.target.value)}>
            {['50', '200', '1000', '5000'].map((count) => (
              <option key={count}>{count}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void read()}>
          Refresh logs
        </button>
      </div>
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
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
    </section>
  );
}
