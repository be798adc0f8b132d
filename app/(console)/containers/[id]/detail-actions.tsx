'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import type { ContainerState } from '@/lib/containers/container-summary';

const ACTIONS: { action: string; label: string; when: (state: ContainerState) => boolean }[] = [
  { action: 'start', label: 'Start', when: (state) => state === 'exited' || state === 'created' || state === 'dead' },
  { action: 'stop', label: 'Stop', when: (state) => state === 'running' || state === 'paused' || state === 'restarting' },
  { action: 'restart', label: 'Restart', when: () => true },
  { action: 'pause', label: 'Pause', when: (state) => state === 'running' },
  { action: 'unpause', label: 'Unpause', when: (state) => state === 'paused' },
];

/** The start/stop buttons of one container, for users who may change containers (kill and remove are forms of their own). */
export function DetailActions({ id, host, state }: { id: string; host: string; state: ContainerState }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: string) {
    setBusy(true);
    setError(null);
    const failure = await api.post(apiPath`/api/v1/containers/${id}/${action}`, {}, { query: { host } }).then(() => null, ApiError.from);
    setBusy(false);
    if (failure) setError(failure.message);
    router.refresh();
  }

  return (
    <div className="toolbar" data-testid="detail-actions">
      {ACTIONS.filter((entry) => entry.when(state)).map((entry) => (
        <button key={entry.action} type="button" disabled={busy} onClick={() => run(entry.action)}>
          {entry.label}
        </button>
      ))}
      {error && (
        <span className="down" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
