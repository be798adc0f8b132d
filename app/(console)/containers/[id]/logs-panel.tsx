'use client';

import { useEffect, useRef, useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { LineCountSelect } from '@/app/components/line-count-select';
import { LogView } from '@/app/components/log-view';

/** What an empty log box says: still reading, nothing written, or nothing matching the search. */
function emptyLogText(text: string, ended: boolean, follow: boolean): string {
  if (text !== '') return 'No line matches the search.';
  if (follow) return 'No output yet: new lines appear here as the container writes them.';
  return ended ? 'No output: the container has written nothing to stdout or stderr.' : 'Reading the logs…';
}

/** The container's logs: the last N lines, with timestamps if asked; Follow keeps the stream open. */
export function LogsPanel({ id, host }: { id: string; host: string }) {
  const [text, setText] = useState('');
  const [tail, setTail] = useState('200');
  const [timestamps, setTimestamps] = useState(false);
  const [follow, setFollow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  // Whether the read has ended: an empty log then says so instead of showing a blank bar.
  const [ended, setEnded] = useState(false);
  const box = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    setText('');
    setError(null);
    setEnded(false);
    api
      .streamText(apiPath`/api/v1/containers/${id}/logs`, (chunk) => setText((previous) => previous + chunk), {
        query: { host, tail, timestamps, follow },
        signal: abort.signal,
      })
      .then(() => {
        if (!abort.signal.aborted) setEnded(true);
      })
      .catch((reason: unknown) => {
        if (!abort.signal.aborted) setError(ApiError.from(reason).message);
      });
    return () => abort.abort();
  }, [id, host, tail, timestamps, follow]);

  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [text]);

  const shown = search.trim() === '' ? text : text.split('\n').filter((line) => line.includes(search)).join('\n');
  const download = () => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    link.download = `${id.slice(0, 12)}.log`;
    link.click();
  };

  return (
    <LogView
      error={error}
      toolbar={
        <>
          <LineCountSelect label="Tail" ariaLabel="Tail" choices={['50', '200', '1000', 'all']} value={tail} onChange={setTail} />
          <label>
            <input type="checkbox" checked={timestamps} onChange={(event) => setTimestamps(event.target.checked)} /> Timestamps
          </label>
          <label>
            <input type="checkbox" checked={follow} onChange={(event) => setFollow(event.target.checked)} data-testid="logs-follow" /> Follow
          </label>
          <input aria-label="Search logs" placeholder="Search" value={search} onChange={(event) => setSearch(event.target.value)} />
          <button type="button" onClick={download}>
            Download
          </button>
        </>
      }
    >
      <pre className="logs" ref={box} data-testid="logs">
        {shown !== '' ? shown : <span className="muted-on-dark" data-testid="logs-empty">{emptyLogText(text, ended, follow)}</span>}
      </pre>
    </LogView>
  );
}
