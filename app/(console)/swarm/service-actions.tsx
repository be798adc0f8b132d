'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from './api-client';

/** Scale, roll back and remove one service from the list. */
export function ServiceActions({ name, replicas }: { name: string; replicas: number | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [wanted, setWanted] = useState(String(replicas ?? ''));
  const act = async (path: string, method: string, body?: unknown) => {
    const failure = await callApi(path, method, body);
    setError(failure?.message ?? null);
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
