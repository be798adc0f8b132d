'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { ErrorBox } from '@/app/components/error-box';
import type { ServiceView } from '@/lib/swarm/services';
import { RollbackButton } from '../../rollback-button';
import type { AttachmentChoices } from '@/lib/swarm/attachment-choices';
import { ServiceForm } from '../../service-form';
import styles from '../../swarm.module.css';

/** Edit (the full form), roll back to the previous spec, remove. */
export function ServiceDetailActions({ service, networks, attachable }: { service: ServiceView; networks: readonly string[]; attachable?: AttachmentChoices | null }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A rollback changes the spec under the editor: a new generation loads the form again.
  const [generation, setGeneration] = useState(0);
  const base = apiPath`/api/v1/swarm/services/${service.name}`;
  const rollback = async () => {
    setBusy(true);
    const failure = await api.post(`${base}/rollback`).then(() => null, ApiError.from);
    setBusy(false);
    setError(failure?.message ?? null);
    if (failure) return;
    setGeneration(generation + 1);
    router.refresh();
  };
  const remove = async () => {
    if (!window.confirm(`Remove the service ${service.name}? Its tasks are stopped and its containers removed.`)) return;
    setBusy(true);
    const failure = await api.delete(base).then(() => null, ApiError.from);
    setBusy(false);
    setError(failure?.message ?? null);
    if (!failure) {
      router.push('/swarm');
      router.refresh();
    }
  };
  return (
    <>
      <div className={styles.actionsRow}>
        <button type="button" onClick={() => setEditing(!editing)} aria-expanded={editing}>
          {editing ? 'Close the editor' : 'Edit'}
        </button>
        <RollbackButton canRollback={service.canRollback} busy={busy} onRollback={() => void rollback()} />
        <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
          Remove
        </button>
      </div>
      <ErrorBox message={error} testId="service-action-error" />
      {editing && <ServiceForm key={generation} service={service} networks={networks} attachable={attachable} />}
    </>
  );
}
