'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiFetch } from '@/app/components/api-fetch';

export interface OwnedTokenRow {
  id: string;
  name: string;
  owner: string;
  readOnly: boolean;
  status: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

const shortTime = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/** Every account's API tokens (never a secret); an admin revokes any of them. */
export function AllTokens({ tokens }: { tokens: OwnedTokenRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function revoke(token: OwnedTokenRow) {
    setError(null);
    setNotice(null);
    apiFetch(`/api/v1/admin/tokens/${token.id}`, { method: 'DELETE' })
      .then(() => {
        setNotice(`Revoked ${token.owner}'s token ${token.name}: it is refused from now on`);
        router.refresh();
      })
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }

  return (
    <>
      {error && (
        <div className="error-box" role="alert" data-testid="all-tokens-error">
          {error}
        </div>
      )}
      {notice && (
        <div className="notice" role="status" data-testid="all-tokens-notice">
          {notice}
        </div>
      )}
      <table className="list" data-testid="all-tokens-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Owner</th>
            <th>Scope</th>
            <th>Status</th>
            <th>Expires</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 && (
            <tr>
              <td colSpan={7}>No account has an API token.</td>
            </tr>
          )}
          {tokens.map((token) => (
            <tr key={token.id} data-testid={`any-token-${token.owner}-${token.name}`}>
              <td>{token.name}</td>
              <td>{token.owner}</td>
              <td>{token.readOnly ? 'read-only' : "full (the owner's role)"}</td>
              <td data-testid="token-status">{token.status}</td>
              <td>{shortTime(token.expiresAt)}</td>
              <td>{token.lastUsedAt ? shortTime(token.lastUsedAt) : 'never'}</td>
              <td className="actions">
                {token.status === 'active' && (
                  <button type="button" onClick={() => revoke(token)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
