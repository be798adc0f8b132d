'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

interface ApiError {
  error: { message: string };
}

async function send(path: string, method: string, body?: unknown): Promise<string | null> {
  const response = await fetch(path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return response.ok ? null : ((await response.json()) as ApiError).error.message;
}

/** Create a replicated service: image, replicas, network, CPU limit, constraint, command. */
export function CreateServiceForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="form"
      style={{ marginTop: '1.5rem', maxWidth: 520 }}
      data-testid="create-service-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
        const text = (name: string) => data[name]?.trim() || undefined;
        const body = {
          name: text('name'),
          image: text('image'),
          replicas: Number(text('replicas') ?? 1),
          ...(text('network') ? { networks: [text('network')] } : {}),
          ...(text('cpuLimit') ? { cpuLimit: Number(text('cpuLimit')) } : {}),
          ...(text('constraint') ? { constraints: [text('constraint')] } : {}),
          ...(text('command') ? { command: ['sh', '-c', text('command')] } : {}),
        };
        const failure = await send('/api/v1/swarm/services', 'POST', body);
        setError(failure);
        if (!failure) router.refresh();
      }}
    >
      <h2>Create a service</h2>
      {error && (
        <div className="error-box" role="alert" data-testid="create-service-error">
          {error}
        </div>
      )}
      <label htmlFor="service-name">Name</label>
      <input id="service-name" name="name" required />
      <label htmlFor="service-image">Image</label>
      <input id="service-image" name="image" placeholder="nginx:1.27" required />
      <label htmlFor="service-replicas">Replicas</label>
      <input id="service-replicas" name="replicas" type="number" min={0} defaultValue={1} />
      <label htmlFor="service-network">Network (optional)</label>
      <input id="service-network" name="network" placeholder="an overlay network" />
      <label htmlFor="service-cpu">CPU limit (optional, CPUs)</label>
      <input id="service-cpu" name="cpuLimit" type="number" step="0.01" min={0} />
      <label htmlFor="service-constraint">Placement constraint (optional)</label>
      <input id="service-constraint" name="constraint" placeholder="node.role==worker" />
      <label htmlFor="service-command">Command (optional, run by sh -c)</label>
      <input id="service-command" name="command" />
      <button type="submit">Create service</button>
    </form>
  );
}

/** Scale, roll back and remove one service. */
export function ServiceActions({ name, replicas }: { name: string; replicas: number | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [wanted, setWanted] = useState(String(replicas ?? ''));
  const act = async (path: string, method: string, body?: unknown) => {
    const failure = await send(path, method, body);
    setError(failure);
    if (!failure) router.refresh();
  };
  const base = `/api/v1/swarm/services/${encodeURIComponent(name)}`;
  return (
    <>
      {replicas !== null && (
        <>
          <input aria-label={`Replicas of ${name}`} type="number" min={0} value={wanted} onChange={(e) => setWanted(e.target.value)} style={{ width: '4rem' }} />{' '}
          <button type="button" className="small" onClick={() => act(base, 'PATCH', { replicas: Number(wanted) })}>
            Scale
          </button>{' '}
        </>
      )}
      <button type="button" className="small" onClick={() => act(`${base}/rollback`, 'POST')}>
        Roll back
      </button>{' '}
      <button type="button" className="small" onClick={() => act(base, 'DELETE')}>
        Remove
      </button>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </>
  );
}
