'use client';

import { RelativeTime } from '@/app/components/relative-time';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { DataTable } from '@/app/components/data-table';
import { ErrorBox } from '@/app/components/error-box';
import { CopyButton } from '@/app/components/copy-button';
import { RevokeButton } from '@/app/components/revoke-button';
import type { PublicToken } from '@/lib/tokens/manage-tokens';

export interface TokenRow {
  id: string;
  name: string;
  readOnly: boolean;
  status: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

export function TokensManager({ tokens, maxDays }: { tokens: TokenRow[]; maxDays: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    setError(null);
    setSecret(null);
    api
      .post<{ token: PublicToken; secret: string }>('/api/v1/tokens', {
        name: form.get('name'),
        expiresInDays: Number(form.get('expiresInDays')),
        readOnly: form.get('readOnly') === 'on',
      })
      .then((created) => {
        setSecret(created.secret);
        target.reset();
        router.refresh();
      })
      .catch((caught: unknown) => setError(ApiError.from(caught).message));
  }

  function revoke(token: TokenRow) {
    setError(null);
    api
      .delete(apiPath`/api/v1/tokens/${token.id}`)
      .then(() => router.refresh())
      .catch((caught: unknown) => setError(ApiError.from(caught).message));
  }

  function remove(token: TokenRow) {
    if (!window.confirm(`Delete the ${token.status} token ${token.name} from the list? The audit log keeps its history.`)) return;
    setError(null);
    api
      .delete(apiPath`/api/v1/tokens/${token.id}`, { query: { purge: true } })
      .then(() => router.refresh())
      .catch((caught: unknown) => setError(ApiError.from(caught).message));
  }

  return (
    <>
      <ErrorBox message={error} testId="tokens-error" />
      {secret && (
        <div className="notice" role="status">
          Copy the token now: it is shown only once.
          <div className="secret" data-testid="new-token-secret">
            {secret}
          </div>
          <CopyButton text={secret} label="Copy the token" />
        </div>
      )}
      <DataTable testId="tokens-table" columns={['Name', 'Scope', 'Status', 'Created', 'Expires', 'Last used', '']} rows={tokens} empty="No tokens yet.">
        {(token) => (
          <tr key={token.id} data-testid={`token-${token.name}`}>
            <td>{token.name}</td>
            <td>{token.readOnly ? 'read-only' : 'full (your role)'}</td>
            <td data-testid="token-status">{token.status}</td>
            <td><RelativeTime iso={token.createdAt} /></td>
            <td><RelativeTime iso={token.expiresAt} /></td>
            <td data-testid="token-last-used">{token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt} /> : 'never'}</td>
            <td className="actions">
              {token.status === 'active' ? (
                <RevokeButton tokenName={token.name} onRevoke={() => revoke(token)} />
              ) : (
                <button type="button" aria-label={`Delete ${token.name}`} onClick={() => remove(token)}>
                  Delete
                </button>
              )}
            </td>
          </tr>
        )}
      </DataTable>
      <h2 className="section">New token</h2>
      <form className="form" onSubmit={create}>
        <label htmlFor="token-name">Name</label>
        <input id="token-name" name="name" required maxLength={100} placeholder="e.g. ci-deploy" />
        <label htmlFor="token-days">Expires in (days, at most {maxDays})</label>
        <input id="token-days" name="expiresInDays" type="number" min={1} max={maxDays} defaultValue={30} required />
        <label className="check">
          <input type="checkbox" name="readOnly" /> Read-only (refused on every change)
        </label>
        <button type="submit">Create token</button>
      </form>
    </>
  );
}
