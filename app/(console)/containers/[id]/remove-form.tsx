'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { FormFailure } from '@/app/components/form-failure';

/** Removes the container: force stops a running one first; volumes also removes its anonymous volumes. */
export function RemoveForm({ id, host, name }: { id: string; host: string; name: string }) {
  const router = useRouter();
  const [force, setForce] = useState(false);
  const [volumes, setVolumes] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const what = [force ? 'stopping it first' : null, volumes ? 'with its anonymous volumes' : null].filter(Boolean).join(', ');
    if (!window.confirm(`Remove ${name}${what ? ` (${what})` : ''}?`)) return;
    setBusy(true);
    setFailure(null);
    const failure = await api.delete(apiPath`/api/v1/containers/${id}`, { query: { host, force, volumes } }).then(() => null, ApiError.from);
    setBusy(false);
    if (!failure) router.push('/containers');
    else setFailure(failure.message);
  }

  return (
    <form className="form control-form" onSubmit={submit} data-testid="remove-form">
      <h3>Remove</h3>
      <label className="check">
        <input type="checkbox" checked={force} onChange={(event) => setForce(event.target.checked)} /> Force (stop it first)
      </label>
      <label className="check">
        <input type="checkbox" checked={volumes} onChange={(event) => setVolumes(event.target.checked)} /> Remove anonymous volumes
      </label>
      <FormFailure message={failure} testId="remove-error" />
      <button type="submit" className="danger" disabled={busy}>
        Remove
      </button>
    </form>
  );
}
