'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { actionPath, sendContainerForm } from '../container-actions';
import { FieldMessage } from './field-message';

/** Renames the container; a taken or invalid name gets Docker's or the validator's message under the field. */
export function RenameForm({ id, host, name }: { id: string; host: string; name: string }) {
  const router = useRouter();
  const [value, setValue] = useState(name);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const outcome = await sendContainerForm<{ container: { name: string } }>(actionPath(id, host, 'rename'), 'POST', { name: value.trim() });
    setBusy(false);
    if (outcome.ok) {
      setFields({});
      setValue(outcome.data.container.name);
      router.refresh();
      return;
    }
    setFields(outcome.fields);
    setFailure(outcome.fields.name ? null : outcome.message);
  }

  return (
    <form className="form control-form" onSubmit={submit} noValidate data-testid="rename-form">
      <h3>Rename</h3>
      <label htmlFor="rename-name">New name</label>
      <input id="rename-name" value={value} onChange={(event) => setValue(event.target.value)} />
      <FieldMessage name="name" fields={fields} />
      {failure && (
        <div className="field-error" role="alert">
          {failure}
        </div>
      )}
      <button type="submit" disabled={busy || value.trim() === name}>
        Rename
      </button>
    </form>
  );
}
