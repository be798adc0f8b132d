'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { NodeView } from '@/lib/swarm/nodes';
import { callApi } from './api-client';
import styles from './swarm.module.css';

type NodeChange = { role: 'manager' | 'worker' } | { availability: 'active' | 'pause' | 'drain' };

/** Promote or demote, drain, pause or activate, remove (force while it is still up); each through the API. */
export function NodeActions({ node }: { node: Pick<NodeView, 'id' | 'hostname' | 'role' | 'availability' | 'state'> }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [force, setForce] = useState(false);
  const path = `/api/v1/swarm/nodes/${encodeURIComponent(node.id)}`;
  const run = async (method: string, url: string, body?: NodeChange) => {
    setBusy(true);
    const failure = await callApi(url, method, body);
    setBusy(false);
    setError(failure?.message ?? null);
    if (!failure) router.refresh();
  };
  const button = (label: string, body: NodeChange) => (
    <button type="button" className="small" disabled={busy} onClick={() => run('PATCH', path, body)}>
      {label}
    </button>
  );
  return (
    <div className={styles.nodeActions} data-testid={`node-actions-${node.hostname}`}>
      {node.role === 'worker' ? button('Promote', { role: 'manager' }) : button('Demote', { role: 'worker' })}
      {node.availability !== 'drain' && button('Drain', { availability: 'drain' })}
      {node.availability !== 'pause' && button('Pause', { availability: 'pause' })}
      {node.availability !== 'active' && button('Activate', { availability: 'active' })}
      <button type="button" className="small" disabled={busy} onClick={() => run('DELETE', `${path}?force=${force}`)}>
        Remove
      </button>
      {node.state !== 'down' && (
        <label className={styles.inlineCheck} title="Docker removes a node that is still up only with force">
          <input type="checkbox" checked={force} onChange={(event) => setForce(event.target.checked)} /> force
        </label>
      )}
      {error && (
        <div className="field-error" role="alert" data-testid={`node-error-${node.hostname}`}>
          {error}
        </div>
      )}
    </div>
  );
}
