'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { ConfirmedDeleteButton } from '@/app/components/confirmed-delete-button';
import { apiPath } from '@/app/components/api/api-path';
import { FieldsForm } from '@/app/components/fields-form';

type Kind = 'secrets' | 'configs';
const singular = (kind: Kind) => (kind === 'secrets' ? 'secret' : 'config');

/** Remove a secret or config; while services mount it, the API's 409 names them. */
export function RemoveSwarmObjectButton({ kind, id, name }: { kind: Kind; id: string; name: string }) {
  return (
    <ConfirmedDeleteButton question={`Remove the ${singular(kind)} ${name}?`} path={apiPath`/api/v1/${kind}/${id}`} errorTestId={`remove-${singular(kind)}-error-${name}`}>
      Remove {name}
    </ConfirmedDeleteButton>
  );
}

/** Create a secret (its value goes to Docker and is never shown again) or a config. */
export function CreateSwarmObjectForm({ kind }: { kind: Kind }) {
  const router = useRouter();
  const what = singular(kind);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <FieldsForm
      className="form"
      style={{ marginTop: '1.5rem', maxWidth: 520 }}
      data-testid={`create-${what}-form`}
      autoComplete="off"
      onFields={async (data, submitter) => {
        const name = data.name?.trim() ?? '';
        const payload = data.payload ?? '';
        const body = kind === 'secrets' ? { name, value: payload } : { name, data: payload };
        const failure = await api.post(`/api/v1/${kind}`, body).then(() => null, ApiError.from);
        setMessage(failure ? { ok: false, text: failure.message } : { ok: true, text: `The ${what} ${name} was created` });
        if (!failure) {
          submitter?.form?.reset();
          router.refresh();
        }
      }}
    >
      <h2>Create a {what}</h2>
      {message && (
        <div className={message.ok ? 'ok' : 'error-box'} role="status" data-testid={`create-${what}-result`}>
          {message.text}
        </div>
      )}
      <label htmlFor={`${what}-name`}>Name</label>
      <input id={`${what}-name`} name="name" required />
      <label htmlFor={`${what}-payload`}>{kind === 'secrets' ? 'Value (sent to Docker, never shown again)' : 'Data'}</label>
      {kind === 'secrets' ? <input id={`${what}-payload`} name="payload" type="password" required /> : <textarea id={`${what}-payload`} name="payload" rows={4} required />}
      <button type="submit">Create {what}</button>
    </FieldsForm>
  );
}
