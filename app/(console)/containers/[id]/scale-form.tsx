'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { ContainerSummary } from '@/lib/containers/container-summary';
import { actionPath, sendContainerForm } from '../container-actions';
import { FieldMessage } from './field-message';

/** Shipyard's scale: N running copies of this container on its host, listed with links once made. */
export function ScaleForm({ id, host, max }: { id: string; host: string; max: number }) {
  const [count, setCount] = useState('1');
  const [copies, setCopies] = useState<ContainerSummary[]>([]);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const outcome = await sendContainerForm<{ containers: ContainerSummary[] }>(actionPath(id, host, 'scale'), 'POST', { count: Number(count.trim() || NaN) });
    setBusy(false);
    if (outcome.ok) {
      setFields({});
      setCopies((made) => [...made, ...outcome.data.containers]);
      return;
    }
    setFields(outcome.fields);
    if (Object.keys(outcome.fields).length === 0) setFailure(outcome.message);
  }

  return (
    <form className="form control-form" onSubmit={submit} noValidate data-testid="scale-form">
      <h3>Scale</h3>
      <div className="hint">Running copies with the same image, command, environment, limits and network; no fixed address or host port.</div>
      <label htmlFor="scale-count">Copies</label>
      <input id="scale-count" inputMode="numeric" value={count} onChange={(event) => setCount(event.target.value)} placeholder={`1 to ${max}`} />
      <FieldMessage name="count" fields={fields} />
      {failure && (
        <div className="field-error" role="alert">
          {failure}
        </div>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Making copies…' : 'Scale'}
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
