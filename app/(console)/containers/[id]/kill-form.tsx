'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { apiPath } from '@/app/components/api/api-path';
import { FormFailure } from '@/app/components/form-failure';
import type { ContainerSummary } from '@/lib/containers/container-summary';
import { FieldMessage } from '@/app/components/field-message';
import { useContainerForm } from './use-container-form';

/** Sends a signal to the container's main process: SIGKILL unless another is given. */
export function KillForm({ id, host }: { id: string; host: string }) {
  const router = useRouter();
  const [signal, setSignal] = useState('');
  const form = useContainerForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = signal.trim().toUpperCase();
    const body = trimmed === '' ? {} : { signal: trimmed };
    if (await form.send(() => api.post<{ container: ContainerSummary }>(apiPath`/api/v1/containers/${id}/kill`, body, { query: { host } }))) router.refresh();
  }

  return (
    <form className="form control-form" onSubmit={submit} noValidate data-testid="kill-form">
      <h3>Kill</h3>
      <label htmlFor="kill-signal">Signal</label>
      <input id="kill-signal" value={signal} onChange={(event) => setSignal(event.target.value)} placeholder="SIGKILL (default)" />
      <FieldMessage name="signal" fields={form.fields} />
      <FormFailure message={form.failure} />
      <button type="submit" className="danger" disabled={form.busy}>
        Kill
      </button>
    </form>
  );
}
