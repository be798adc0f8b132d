'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ErrorBox } from '@/app/components/error-box';
import { formatBytes } from '@/lib/format/format-bytes';
import type { PullEvent } from '@/lib/images/pull-progress';

type Layer = Extract<PullEvent, { type: 'layer' }>;

/** Reads the pull's newline-delimited JSON as it arrives. */
async function readEvents(response: Response, onEvent: (event: PullEvent) => void): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onEvent(JSON.parse(line) as PullEvent);
  }
}

function percentOf(layer: Layer): number {
  if (layer.status === 'Pull complete' || layer.status === 'Already exists' || layer.status === 'Download complete') return 100;
  return layer.total ? Math.min(100, Math.round(((layer.current ?? 0) / layer.total) * 100)) : 0;
}

/** Pulls an image onto a host, with a live progress bar per layer. */
export function PullForm({ hosts }: { hosts: string[] }) {
  const router = useRouter();
  const [image, setImage] = useState('');
  const [host, setHost] = useState(hosts[0] ?? '');
  // A private registry's login: sent with this pull only, kept nowhere else.
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [layers, setLayers] = useState<Layer[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pulling, setPulling] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPulling(true);
    setError(null);
    setStatus(null);
    setLayers([]);
    try {
      const response = await fetch('/api/v1/images/pull', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ image, host: host || undefined, username: username || undefined, password: password || undefined }) });
      if (!response.ok) {
        const payload = (await response.json().catch(() => null)) as { error?: { message?: string; fields?: { message: string }[] } } | null;
        setError(payload?.error?.fields?.map((field) => field.message).join('; ') || payload?.error?.message || `HTTP ${response.status}`);
        return;
      }
      await readEvents(response, (pullEvent) => {
        if (pullEvent.type === 'layer') setLayers((current) => [...current.filter((layer) => layer.id !== pullEvent.id), pullEvent].sort((a, b) => a.id.localeCompare(b.id)));
        else if (pullEvent.type === 'status') setStatus(pullEvent.message);
        else if (pullEvent.type === 'error') setError(pullEvent.message);
        else {
          setStatus(`Pulled ${pullEvent.reference} onto ${pullEvent.host}`);
          router.refresh();
        }
      });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setPulling(false);
    }
  }

  return (
    <section className="card" data-testid="pull-form">
      <h2>Pull an image</h2>
      <form className="form" onSubmit={submit}>
        <label>
          Image
          <input name="image" required placeholder="registry:5000/team/app:v2" value={image} onChange={(event) => setImage(event.target.value)} />
        </label>
        <label>
          Username
          <input name="username" autoComplete="off" placeholder="only for a private registry" value={username} onChange={(event) => setUsername(event.target.value)} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="off" value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        {hosts.length > 1 && (
          <label>
            Host
            <select name="host" value={host} onChange={(event) => setHost(event.target.value)}>
              {hosts.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" disabled={pulling}>
          {pulling ? 'Pulling…' : 'Pull'}
        </button>
      </form>
      <ErrorBox message={error} testId="pull-error" />
      {status && (
        <p className="muted" data-testid="pull-status">
          {status}
        </p>
      )}
      {layers.map((layer) => (
        <div key={layer.id} data-testid="pull-layer">
          <code>{layer.id}</code> {layer.status}
          {layer.total ? ` ${formatBytes(layer.current ?? 0)} / ${formatBytes(layer.total)}` : ''}
          <div className="bar" role="progressbar" aria-label={`Layer ${layer.id}`} aria-valuenow={percentOf(layer)} aria-valuemin={0} aria-valuemax={100}>
            <span style={{ width: `${percentOf(layer)}%` }} />
          </div>
        </div>
      ))}
    </section>
  );
}
