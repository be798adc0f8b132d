'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { LineCountSelect } from '@/app/components/line-count-select';
import { LogView } from '@/app/components/log-view';
import type { ServiceLogLineEvent } from '@/lib/swarm/service-log-stream';
import type { TaskView } from '@/lib/swarm/services';
import styles from '../../swarm.module.css';
import { useLiveTasks } from './service-live';

type LogLine = ServiceLogLineEvent;

/** "web.2@h1" for a line of task slot 2 on node h1, from the live task list (a task gone from it: its id). */
function taskPrefix(service: string, line: LogLine, tasks: ReadonlyMap<string, TaskView>): string {
  if (!line.task) return '';
  const task = tasks.get(line.task);
  if (!task) return `${service}.${line.task.slice(0, 12)}`;
  return `${service}.${task.slot ?? task.id.slice(0, 12)}${task.node ? `@${task.node}` : ''}`;
}

/** The time of day a line was written (UTC, to the second); the full stamp is on hover. */
const timeOfDay = (time: string | undefined) => (time ? `${time.slice(11, 19)}` : '');

/** Lines kept while following: the oldest go first, so a chatty service never fills the tab's memory. */
const FOLLOW_LIMIT = 5_000;

/** The last lines of every task: a snapshot (Refresh reads it again), or followed live with Follow. */
export function ServiceLogs({ service }: { service: string }) {
  const [lines, setLines] = useState<LogLine[] | null>(null);
  const [tail, setTail] = useState('200');
  const [follow, setFollow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [showTimes, setShowTimes] = useState(true);
  const { tasks } = useLiveTasks();
  const taskById = useMemo(() => new Map(tasks.map((task) => [task.id, task])), [tasks]);
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

  const needle = search.trim().toLowerCase();
  const shown = (lines ?? [])
    .map((line) => ({ line, prefix: taskPrefix(service, line, taskById) }))
    .filter(({ line, prefix }) => needle === '' || line.text.toLowerCase().includes(needle) || prefix.toLowerCase().includes(needle));

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
          <label>
            <input type="checkbox" checked={showTimes} onChange={(event) => setShowTimes(event.target.checked)} /> Timestamps
          </label>
          <input aria-label="Search service logs" type="search" placeholder="Search (text or task)" value={search} onChange={(event) => setSearch(event.target.value)} />
          {follow ? null : (
            <button type="button" onClick={() => void read()}>
              Refresh logs
            </button>
          )}
        </>
      }
    >
      <pre className={styles.logs} data-testid="service-log-lines" data-following={follow ? 'true' : 'false'}>
        {lines === null ? (
          'Loading…'
        ) : lines.length === 0 ? (
          <span data-testid="service-logs-empty">{follow ? 'No output yet: new lines appear here as the tasks write them.' : 'No output: the tasks have written nothing to stdout or stderr.'}</span>
        ) : shown.length === 0 ? (
          <span data-testid="service-logs-empty">No line matches the search.</span>
        ) : (
          shown.map(({ line, prefix }, index) => (
            <span key={index} className={line.stream === 'stderr' ? styles.stderr : undefined} data-testid="service-log-line">
              {showTimes && line.time && (
                <span className={styles.logTime} title={line.time}>
                  {timeOfDay(line.time)}{' '}
                </span>
              )}
              {prefix && (
                <span className={styles.logTask} data-testid="service-log-task">
                  {prefix} |{' '}
                </span>
              )}
              {line.text}
              {'\n'}
            </span>
          ))
        )}
      </pre>
    </LogView>
  );
}
