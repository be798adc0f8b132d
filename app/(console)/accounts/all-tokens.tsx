'use client';

import { RelativeTime } from '@/app/components/relative-time';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { DataTable } from '@/app/components/data-table';
import { ErrorBox } from '@/app/components/error-box';
import { NoticeBox } from '@/app/components/notice-box';
import { RevokeButton } from '@/app/components/revoke-button';

export interface OwnedTokenRow {
  id: string;
  name: string;
  owner: string;
  readOnly: boolean;
  status: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

/** Every account's API tokens (never a secret); an admin revokes any of them. */
export function AllTokens({ tokens }: { tokens: OwnedTokenRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function revoke(token: OwnedTokenRow) {
    setError(null);
    setNotice(null);
    api
      .delete(apiPath`/api/v1/admin/tokens/${token.id}`)
      .then(() => {
        setNotice(`Revoked ${token.owner}'s token ${token.name}: it is refused from now on`);
        router.refresh();
      })
      .catch((caught: unknown) => setError(ApiError.from(caught).message));
  }

  return (
    <>
      <ErrorBox message={error} testId="all-tokens-error" />
      <NoticeBox message={notice} testId="all-tokens-notice" />
      <DataTable testId="all-tokens-table" columns={['Name', 'Owner', 'Scope', 'Status', 'Expires', 'Last used', '']} rows={tokens} empty="No account has an API token.">
        {(token) => (
          <tr key={token.id} data-testid={`any-token-${token.owner}-${token.name}`}>
            <td>{token.name}</td>
            <td>{token.owner}</td>
            <td>{token.readOnly ? 'read-only' : "full (the owner's role)"}</td>
            <td data-testid="token-status">{token.status}</td>
            <td><RelativeTime iso={token.expiresAt} /></td>
            <td>{token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt} /> : 'never'}</td>
            <td className="actions">{token.status === 'active' && <RevokeButton tokenName={token.name} onRevoke={() => revoke(token)} />}</td>
          </tr>
        )}
      </DataTable>
    </>
  );
}
