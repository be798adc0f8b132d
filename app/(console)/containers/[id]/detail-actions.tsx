'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ContainerState } from '@/lib/containers/container-summary';
import { actionPath, callContainerApi, removePath } from '../container-actions';

const ACTIONS: { action: string; label: string; when: (state: ContainerState) => boolean }[] = [
  { action: 'start', label: 'Start', when: (state) => state === 'exited' || state === 'created' || state === 'dead' },
  { action: 'stop', label: 'Stop', when: (state) => state === 'running' || state === 'paused' || state === 'restarting' },
  { action: 'restart', label: 'Restart', when: () => true },
  { action: 'pause', label: 'Pause', when: (state) => state === 'running' },
  { action: 'unpause', label: 'Unpause', when: (state) => state === 'paused' },
  { action: 'kill', label: 'Kill', when: (state) => state === 'running' },
];

/** The lifecycle buttons of one container, for users who may change containers. */
export function DetailActions({ id, host, state, name }: { id: string; host: string; state: ContainerState; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: string) {
    setBusy(true);
    setError(null);
    const failure = await callContainerApi(actionPath(id, host, action), 'POST', {});
    setBusy(false);
    if (failure) setError(failure);
    router.refresh();
  }

  async function remove() {
    if (!window.confirm(`Remove ${name}? A running container is stopped first.`)) return;
    setBusy(true);
    const failure = await callContainerApi(removePath(id, host), 'DELETE');
    setBusy(false);
    if (failure) setError(failure);
    else router.push('/containers');
  }

  return (
    <div className="toolbar" data-testid="detail-actions">
      {ACTIONS.filter((entry) => entry.when(state)).map((entry) => (
        <button key={entry.action} type="button" disabled={busy} onClick={() => run(entry.action)}>
          {entry.label}
        </button>
      ))}
      <button type="button" className="danger" disabled={busy} onClick={remove}>
        Remove
      </button>
      {error && (
        <span className="down" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
