'use client';

import { useRouter } from 'next/navigation';
import { Fragment, useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { DataTable } from '@/app/components/data-table';
import { ErrorBox } from '@/app/components/error-box';
import { FullWidthRow } from '@/app/components/full-width-row';
import { NameOptions } from '@/app/components/name-options';
import { NoticeBox } from '@/app/components/notice-box';
import { AccountEditor } from './account-editor';
import { GrantsFieldset } from './grants-fieldset';

export interface AccountRow {
  id: string;
  username: string;
  role: string;
  grants: string[];
  disabled: boolean;
  mustChangePassword: boolean;
  /** local: a password here; ldap: signs in through the directory (docs/ldap.md). */
  source: 'local' | 'ldap';
}

interface Props {
  accounts: AccountRow[];
  currentUserId: string;
  roles: string[];
  areas: string[];
}

const COLUMNS = ['Username', 'Source', 'Role', 'Extra grants', 'Status', 'Actions'];

/** images:write reads as "images read-write": a write grant includes the read. */
function describeGrant(grant: string): string {
  const [area, access] = grant.split(':');
  return `${area} ${access === 'write' ? 'read-write' : 'read'}`;
}

export function AccountsManager({ accounts, currentUserId, roles, areas }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  async function act(work: () => Promise<unknown>, done: string): Promise<boolean> {
    setError(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
      router.refresh();
      return true;
    } catch (caught) {
      // The API's own words, e.g. why the last admin cannot be demoted.
      setError(ApiError.from(caught).message);
      return false;
    }
  }

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const grants = areas.flatMap((area) => {
      const access = form.get(`grant-${area}`);
      return access === 'read' || access === 'write' ? [`${area}:${access}`] : [];
    });
    const target = event.currentTarget;
    void act(async () => {
      await api.post('/api/v1/accounts', { username: form.get('username'), password: form.get('password'), role: form.get('role'), grants });
      target.reset();
    }, `Created ${String(form.get('username'))}`);
  }

  return (
    <>
      <ErrorBox message={error} testId="accounts-error" />
      <NoticeBox message={notice} testId="accounts-notice" />
      <DataTable testId="accounts-table" columns={COLUMNS} rows={accounts}>
        {(account) => (
          <Fragment key={account.id}>
            <tr data-testid={`account-${account.username}`}>
              <td>
                {account.username}
                {account.id === currentUserId && ' (you)'}
              </td>
              <td data-testid="account-source">{account.source === 'ldap' ? 'LDAP directory' : 'local'}</td>
              <td data-testid="account-role">{account.role}</td>
              <td data-testid="account-grants">{account.grants.map(describeGrant).join(', ') || '—'}</td>
              <td>{account.disabled ? 'disabled' : account.mustChangePassword ? 'must change password' : 'enabled'}</td>
              <td className="actions">
                <button type="button" aria-expanded={editing === account.id} onClick={() => setEditing(editing === account.id ? null : account.id)}>
                  Edit
                </button>
                <button
                  type="button"
                  onClick={() =>
                    void act(
                      () => api.patch(apiPath`/api/v1/accounts/${account.id}`, { disabled: !account.disabled }),
                      `${account.username} ${account.disabled ? 'enabled' : 'disabled'}`,
                    )
                  }
                >
                  {account.disabled ? 'Enable' : 'Disable'}
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    if (window.confirm(`Delete ${account.username}? Their API tokens are revoked.`)) {
                      void act(() => api.delete(apiPath`/api/v1/accounts/${account.id}`), `Deleted ${account.username}`);
                    }
                  }}
                >
                  Delete
                </button>
              </td>
            </tr>
            {editing === account.id && (
              <FullWidthRow span={COLUMNS.length}>
                <AccountEditor account={account} roles={roles} areas={areas} act={act} onClose={() => setEditing(null)} />
              </FullWidthRow>
            )}
          </Fragment>
        )}
      </DataTable>

      <h2 className="section">New account</h2>
      <form className="form" onSubmit={create}>
        <label htmlFor="new-username">Username</label>
        <input id="new-username" name="username" required autoComplete="off" />
        <label htmlFor="new-password">Initial password</label>
        <input id="new-password" name="password" type="password" required autoComplete="new-password" />
        <label htmlFor="new-role">Role</label>
        <select id="new-role" name="role" defaultValue="viewer">
          <NameOptions names={roles} />
        </select>
        <GrantsFieldset areas={areas} none={{ value: '', label: '—' }} selectProps={(area) => ({ name: `grant-${area}`, 'aria-label': `Grant on ${area}`, defaultValue: '' })} />
        <button type="submit">Create account</button>
      </form>
    </>
  );
}
