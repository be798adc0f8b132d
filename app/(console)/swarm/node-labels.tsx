'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import styles from './swarm.module.css';

/** The node's labels, each removable, and a key=value field to add one (only the named key changes). */
export function NodeLabels({ id, hostname, labels }: { id: string; hostname: string; labels: Readonly<Record<string, string>> }) {
  const router = useRouter();
  const [entry, setEntry] = useState('');
  const [error, setError] = useState<string | null>(null);
  const path = apiPath`/api/v1/swarm/nodes/${id}`;
  const change = async (body: { addLabels: Record<string, string> } | { removeLabels: string[] }) => {
    const failure = await api.patch(path, body).then(() => null, ApiError.from);
    setError(failure ? Object.values(failure.fields)[0] ?? failure.message : null);
    if (!failure) {
      setEntry('');
      router.refresh();
    }
  };
  const add = () => {
    const at = entry.indexOf('=');
    if (at <= 0) return setError('Write the label as key=value');
    void change({ addLabels: { [entry.slice(0, at).trim()]: entry.slice(at + 1).trim() } });
  };
  return (
    <div className={styles.labels} data-testid={`node-labels-${hostname}`}>
      {Object.entries(labels).map(([key, value]) => (
        <span key={key} className={styles.chip}>
          {key}={value}
          <button type="button" aria-label={`Remove label ${key}`} onClick={() => change({ removeLabels: [key] })}>
            ×
          </button>
        </span>
      ))}
      <form
        className={styles.labelAdd}
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <input aria-label={`New label for ${hostname}`} placeholder="key=value" value={entry} onChange={(event) => setEntry(event.target.value)} />
        <button type="submit" className="small">
          Add label
        </button>
      </form>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
