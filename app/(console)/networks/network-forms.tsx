'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { ConfirmedDeleteButton } from '@/app/components/confirmed-delete-button';
import { apiPath } from '@/app/components/api/api-path';
import { FieldsForm } from '@/app/components/fields-form';
import { NameOptions } from '@/app/components/name-options';

const FORM_STYLE = { marginTop: '1.5rem', maxWidth: 520 };

export function RemoveNetworkButton({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmedDeleteButton question={`Remove the network ${name}? Containers must be disconnected from it first.`} path={apiPath`/api/v1/networks/${id}`} errorTestId="remove-network-error">
      Remove {name}
    </ConfirmedDeleteButton>
  );
}

/** Connect or disconnect a container (by name or id), optionally with a fixed address. */
export function ConnectForm({ networks }: { networks: string[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <FieldsForm
      className="form"
      style={FORM_STYLE}
      data-testid="connect-form"
      onFields={async (data, submitter) => {
        const action = submitter?.value === 'disconnect' ? 'disconnect' : 'connect';
        const container = data.container?.trim() ?? '';
        const ipv4 = data.ipv4?.trim();
        const body = action === 'connect' ? { container, ...(ipv4 ? { ipv4 } : {}) } : { container };
        const failure = await api.post(apiPath`/api/v1/networks/${data.network ?? ''}/${action}`, body).then(() => null, ApiError.from);
        if (!failure) {
          setMessage({ ok: true, text: `${container} ${action}ed` });
          router.refresh();
        } else setMessage({ ok: false, text: failure.message });
      }}
    >
      <h2>Connect a container</h2>
      {message && (
        <div className={message.ok ? 'ok' : 'error-box'} role="status" data-testid="connect-result">
          {message.text}
        </div>
      )}
      <label htmlFor="connect-network">Network</label>
      <select id="connect-network" name="network">
        <NameOptions names={networks} />
      </select>
      <label htmlFor="connect-container">Container (name or id)</label>
      <input id="connect-container" name="container" required />
      <label htmlFor="connect-ipv4">Address (optional, connect only)</label>
      <input id="connect-ipv4" name="ipv4" placeholder="10.199.0.20" />
      <button type="submit" value="connect">
        Connect
      </button>{' '}
      <button type="submit" value="disconnect">
        Disconnect
      </button>
    </FieldsForm>
  );
}
