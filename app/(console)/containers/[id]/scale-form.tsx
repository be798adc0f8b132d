'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { apiPath } from '@/app/components/api/api-path';
import { FormFailure } from '@/app/components/form-failure';
import type { ContainerSummary } from '@/lib/containers/container-summary';
import { FieldMessage } from '@/app/components/field-message';
import { useContainerForm } from './use-container-form';

/** Shipyard's scale: N running copies of this container on its host, listed with links once made. */
export function ScaleForm({ id, host, max }: { id: string; host: string; max: number }) {
  const [count, setCount] = useState('1');
  const [copies, setCopies] = useState<ContainerSummary[]>([]);
  const form = useContainerForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = { count: Number(count.trim() || NaN) };
    const scaled = await form.send(() => api.post<{ containers: ContainerSummary[] }>(apiPath`/api/v1/containers/${id}/scale`, body, { query: { host } }));
    if (scaled) setCopies((made) => [...made, ...scaled.containers]);
  }

  return (
    <form className="form control-form" onSubmit={submit} noValidate data-testid="scale-form">
      <h3>Scale</h3>
      <div className="hint">Running copies with the same image, command, environment, limits and network; no fixed address or host port.</div>
      <label htmlFor="scale-count">Copies</label>
      <input id="scale-count" inputMode="numeric" value={count} onChange={(event) => setCount(event.target.value)} placeholder={`1 to ${max}`} />
      <FieldMessage name="count" fields={form.fields} />
      <FormFailure message={form.failure} />
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Making copies…' : 'Scale'}
      </button>
      {copies.length > 0 && (
        <ul className="copies" data-testid="scale-copies">
          {copies.map((copy) => (
            <li key={copy.id} data-testid="scale-copy">
              <Link href={`/containers/${copy.id}?host=${encodeURIComponent(copy.host)}`}>{copy.name}</Link> <span className={`state state-${copy.state}`}>{copy.state}</span>
              {copy.address ? ` · ${copy.address}` : ''}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
