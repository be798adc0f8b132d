'use client';

import { useCallback, useEffect, useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { LineCountSelect } from '@/app/components/line-count-select';
import { LogView } from '@/app/components/log-view';
import styles from '../../swarm.module.css';

interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Lines kept while following: the oldest go first, so a chatty service never fills the tab's memory. */
const FOLLOW_LIMIT = 5_000;

/** The last lines of every task: a snapshot (Refresh reads it again), or followed live with Follow. */
export function ServiceLogs({ service }: { service: string }) {
  const [lines, setLines] = useState<LogLine[] | null>(null);
  const [tail, setTail] = useState('200');
  const [follow, setFollow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const path = `${apiPath`/api/v1/swarm/services/${service}/logs`}?tail=${encodeURIComponent(tail)}`;
  const read = useCallback(async () => {
    try {
      const payload = await api.get<{ lines?: LogLine[] }>(path);
      setError(null);
      setLines(payload.lines ?? []);
    } catch (caught) {
      setError(ApiError.from(caught).message);
    }
  }, [path]);

  useEffect(() => {
    if (!follow) {
      void read();
      return;
    }
    // The follow starts with the same tail, so what was shown is read again rather than kept twice.
    setLines(null);
    setError(null);
    const source = new EventSource(`${path}&follow=1`);
    source.addEventListener('ready', () => setLines((previous) => previous ?? []));
    source.addEventListener('line', (event: MessageEvent<string>) => {
      const line = JSON.parse(event.data) as LogLine;
      setLines((previous) => [...(previous ?? []), line].slice(-FOLLOW_LIMIT));
    });
    const stopWith = (message: string) => {
      source.close();
      setError(message);
    };
    source.addEventListener('end', (event: MessageEvent<string>) => stopWith(`${(JSON.parse(event.data) as { message: string }).message}: untick Follow to read the logs again`));
    source.addEventListener('logs-error', (event: MessageEvent<string>) => stopWith((JSON.parse(event.data) as { message: string }).message));
    // A reconnect would replay the tail: stop instead and say how to start again.
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) stopWith('The log stream was cut: untick and tick Follow to start again');
      else setError((previous) => previous ?? 'The log stream could not start: untick and tick Follow to try again');
    };
    return () => source.close();
  }, [follow, path, read]);

  return (
    <LogView
      testId="service-logs"
      error={error}
      toolbar={
        <>
          <LineCountSelect label="Lines" ariaLabel="Log lines" choices={['50', '200', '1000', '5000']} value={tail} onChange={setTail} />
          <label>
            <input type="checkbox" checked={follow} onChange={(event) => setFollow(event.target.checked)} data-testid="service-logs-follow" /> Follow
          </label>
          {follow ? null : (
            <button type="button" onClick={() => void read()}>
              Refresh logs
            </button>
          )}
        </>
      }
    >
      <pre className={styles.logs} data-testid="service-log-lines" data-following={follow ? 'true' : 'false'}>
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
