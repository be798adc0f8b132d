'use client';

import { useEffect, useRef, useState } from 'react';
import { LineCountSelect } from '@/app/components/line-count-select';
import { LogView } from '@/app/components/log-view';

/** The container's logs: the last N lines, with timestamps if asked; Follow keeps the stream open. */
export function LogsPanel({ id, host }: { id: string; host: string }) {
  const [text, setText] = useState('');
  const [tail, setTail] = useState('200');
  const [timestamps, setTimestamps] = useState(false);
  const [follow, setFollow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const box = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    const query = new URLSearchParams({ host, tail, timestamps: String(timestamps), follow: String(follow) });
    setText('');
    setError(null);
    (async () => {
      const response = await fetch(`/api/v1/containers/${encodeURIComponent(id)}/logs?${query}`, { signal: abort.signal });
      if (!response.ok || !response.body) {
        const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(payload?.error?.message ?? `HTTP ${response.status}`);
        return;
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const chunk = decoder.decode(value, { stream: true });
        setText((previous) => previous + chunk);
      }
    })().catch((reason: unknown) => {
      if (!abort.signal.aborted) setError(reason instanceof Error ? reason.message : String(reason));
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
        {shown}
      </pre>
    </LogView>
  );
}
