'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { RollbackButton } from './rollback-button';

/** Scale, roll back and remove one service from the list. */
export function ServiceActions({ name, replicas, canRollback }: { name: string; replicas: number | null; canRollback: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [wanted, setWanted] = useState(String(replicas ?? ''));
  const act = async (call: () => Promise<unknown>, question?: string) => {
    if (question && !window.confirm(question)) return;
    setBusy(true);
    const failure = await call().then(() => null, ApiError.from);
    setBusy(false);
    setError(failure?.message ?? null);
    if (!failure) router.refresh();
  };
  const base = apiPath`/api/v1/swarm/services/${name}`;
  return (
    <>
      {replicas !== null && (
        <>
          <input aria-label={`Replicas of ${name}`} type="number" min={0} value={wanted} onChange={(e) => setWanted(e.target.value)} style={{ width: '4rem' }} />{' '}
          <button type="button" className="small" disabled={busy} onClick={() => act(() => api.patch(base, { replicas: Number(wanted) }))}>
            Scale
          </button>{' '}
        </>
      )}
      <RollbackButton
        className="small"
        canRollback={canRollback}
        busy={busy}
        onRollback={() => act(() => api.post(`${base}/rollback`))}
      />{' '}
      <button type="button" className="small danger" disabled={busy} aria-label={`Remove ${name}`} onClick={() => act(() => api.delete(base), `Remove the service ${name}? Its tasks are stopped and its containers removed.`)}>
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
