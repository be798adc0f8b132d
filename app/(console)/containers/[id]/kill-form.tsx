'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { actionPath, sendContainerForm } from '../container-actions';
import { FieldMessage } from './field-message';

/** Sends a signal to the container's main process: SIGKILL unless another is given. */
export function KillForm({ id, host }: { id: string; host: string }) {
  const router = useRouter();
  const [signal, setSignal] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const trimmed = signal.trim().toUpperCase();
    const outcome = await sendContainerForm(actionPath(id, host, 'kill'), 'POST', trimmed === '' ? {} : { signal: trimmed });
    setBusy(false);
    if (outcome.ok) {
      setFields({});
      router.refresh();
      return;
    }
    setFields(outcome.fields);
    if (Object.keys(outcome.fields).length === 0) setFailure(outcome.message);
  }

  return (
    <form className="form control-form" onSubmit={submit} noValidate data-testid="kill-form">
      <h3>Kill</h3>
      <label htmlFor="kill-signal">Signal</label>
      <input id="kill-signal" value={signal} onChange={(event) => setSignal(event.target.value)} placeholder="SIGKILL (default)" />
      <FieldMessage name="signal" fields={fields} />
      {failure && (
        <div className="field-error" role="alert">
          {failure}
        </div>
      )}
      <button type="submit" className="danger" disabled={busy}>
        Kill
      </button>
    </form>
  );
}
