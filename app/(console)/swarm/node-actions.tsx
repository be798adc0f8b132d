'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { NodeView } from '@/lib/swarm/nodes';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import styles from './swarm.module.css';

type NodeChange = { role: 'manager' | 'worker' } | { availability: 'active' | 'pause' | 'drain' };

/**
 * Promote or demote, drain, pause or activate, remove (force while it is still up); each through
 * the API. Demote and remove ask first, and are not offered for the swarm's only manager.
 */
export function NodeActions({ node, soleManager }: { node: Pick<NodeView, 'id' | 'hostname' | 'role' | 'availability' | 'state'>; soleManager: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [force, setForce] = useState(false);
  const path = apiPath`/api/v1/swarm/nodes/${node.id}`;
  const run = async (call: () => Promise<unknown>, question?: string) => {
    if (question && !window.confirm(question)) return;
    setBusy(true);
    const failure = await call().then(() => null, ApiError.from);
    setBusy(false);
    setError(failure?.message ?? null);
    if (!failure) router.refresh();
  };
  const button = (label: string, body: NodeChange, question?: string) => (
    <button type="button" className="small" disabled={busy} onClick={() => run(() => api.patch(path, body), question)}>
      {label}
    </button>
  );
  return (
    <div className={styles.nodeActions} data-testid={`node-actions-${node.hostname}`}>
      {node.role === 'worker'
        ? button('Promote', { role: 'manager' })
        : !soleManager && button('Demote', { role: 'worker' }, `Demote ${node.hostname} to a worker? It stops taking part in managing the swarm.`)}
      {node.availability !== 'drain' && button('Drain', { availability: 'drain' })}
      {node.availability !== 'pause' && button('Pause', { availability: 'pause' })}
      {node.availability !== 'active' && button('Activate', { availability: 'active' })}
      {soleManager ? (
        <span className="muted" data-testid={`node-sole-manager-${node.hostname}`}>
          the only manager: it cannot be demoted or removed
        </span>
      ) : (
        <button type="button" className="small danger" disabled={busy} onClick={() => run(() => api.delete(path, { query: { force } }), `Remove ${node.hostname} from the swarm?${force ? ' Forced: its tasks are rescheduled elsewhere.' : ''}`)}>
          Remove
        </button>
      )}
      {!soleManager && node.state !== 'down' && (
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
