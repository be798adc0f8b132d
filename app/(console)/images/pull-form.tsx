'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { ErrorBox } from '@/app/components/error-box';
import { formatBytes } from '@/lib/format/format-bytes';
import type { PullEvent } from '@/lib/images/pull-progress';

type Layer = Extract<PullEvent, { type: 'layer' }>;

function percentOf(layer: Layer): number {
  if (layer.status === 'Pull complete' || layer.status === 'Already exists' || layer.status === 'Download complete') return 100;
  return layer.total ? Math.min(100, Math.round(((layer.current ?? 0) / layer.total) * 100)) : 0;
}

/** Pulls an image onto a host, with a live progress bar per layer. */
export function PullForm({ hosts, registries = [] }: { hosts: string[]; registries?: { id: string; name: string; address: string }[] }) {
  const router = useRouter();
  const [image, setImage] = useState('');
  const [host, setHost] = useState(hosts[0] ?? '');
  // A private registry's login: sent with this pull only, kept nowhere else.
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Or a saved registry's login, opened by the server: the browser never has it.
  const [registryId, setRegistryId] = useState('');
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
      const body = { image, host: host || undefined, username: username || undefined, password: password || undefined, registryId: registryId || undefined };
      // The pull's progress arrives as newline-delimited JSON, one event a line.
      await api.streamJsonLines<PullEvent>('/api/v1/images/pull', (pullEvent) => {
        if (pullEvent.type === 'layer') setLayers((current) => [...current.filter((layer) => layer.id !== pullEvent.id), pullEvent].sort((a, b) => a.id.localeCompare(b.id)));
        else if (pullEvent.type === 'status') setStatus(pullEvent.message);
        else if (pullEvent.type === 'error') setError(pullEvent.message);
        else {
          setStatus(`Pulled ${pullEvent.reference} onto ${pullEvent.host}`);
          router.refresh();
        }
      }, { method: 'POST', body });
    } catch (failure) {
      // A refused pull names each bad field; anything else is the API's (or the browser's) message.
      const refused = ApiError.from(failure);
      setError(refused.fieldErrors.map((field) => field.message).join('; ') || refused.message);
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
        {registries.length > 0 && (
          <label>
            Saved registry
            <select name="registryId" value={registryId} onChange={(event) => setRegistryId(event.target.value)}>
              <option value="">none (public, or the login below)</option>
              {registries.map((registry) => (
                <option key={registry.id} value={registry.id}>
                  {registry.name} ({registry.address})
                </option>
              ))}
            </select>
          </label>
        )}
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
