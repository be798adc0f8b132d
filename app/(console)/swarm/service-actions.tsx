'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';

/** Scale, roll back and remove one service from the list. */
export function ServiceActions({ name, replicas }: { name: string; replicas: number | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [wanted, setWanted] = useState(String(replicas ?? ''));
  const act = async (call: () => Promise<unknown>) => {
    const failure = await call().then(() => null, ApiError.from);
    setError(failure?.message ?? null);
    if (!failure) router.refresh();
  };
  const base = apiPath`/api/v1/swarm/services/${name}`;
  return (
    <>
      {replicas !== null && (
        <>
          <input aria-label={`Replicas of ${name}`} type="number" min={0} value={wanted} onChange={(e) => setWanted(e.target.value)} style={{ width: '4rem' }} />{' '}
          <button type="button" className="small" onClick={() => act(() => api.patch(base, { replicas: Number(wanted) }))}>
            Scale
          </button>{' '}
        </>
      )}
      <button type="button" className="small" onClick={() => act(() => api.post(`${base}/rollback`))}>
        Roll back
      </button>{' '}
      <button type="button" className="small" onClick={() => act(() => api.delete(base))}>
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
