'use client';

import { useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { apiPath } from '@/app/components/api/api-path';
import { NameOptions } from '@/app/components/name-options';
import type { AccountRow } from './accounts-manager';
import { accessOn, grantsFrom, type AreaAccess } from './grant-access';
import { GrantsFieldset } from './grants-fieldset';

interface Props {
  account: AccountRow;
  roles: string[];
  areas: string[];
  /** Runs a change, shows its outcome (the API's own message on failure) and reloads the list. */
  act: (work: () => Promise<unknown>, done: string) => Promise<boolean>;
  onClose: () => void;
}

/** Role and per-area grants of one account, and a new password for it. */
export function AccountEditor({ account, roles, areas, act, onClose }: Props) {
  const [role, setRole] = useState(account.role);
  const [access, setAccess] = useState<Record<string, AreaAccess>>(() => Object.fromEntries(areas.map((area) => [area, accessOn(account.grants, area)])));
  const [password, setPassword] = useState('');

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const grants = grantsFrom(access);
    void act(
      () => api.patch(apiPath`/api/v1/accounts/${account.id}`, { role, grants }),
      `${account.username} is now ${role}${grants.length > 0 ? ` with ${grants.join(', ')}` : ' without extra grants'}`,
    ).then((ok) => {
      if (ok) onClose();
    });
  }

  function resetPassword() {
    void act(
      () => api.post(apiPath`/api/v1/accounts/${account.id}/password`, { password }),
      `Password of ${account.username} reset`,
    ).then((ok) => {
      if (ok) setPassword('');
    });
  }

  return (
    <form className="form wide" onSubmit={save} data-testid={`editor-${account.username}`}>
      <label htmlFor={`role-${account.id}`}>Role of {account.username}</label>
      <select id={`role-${account.id}`} value={role} onChange={(event) => setRole(event.target.value)}>
        <NameOptions names={roles} />
      </select>
      <GrantsFieldset
        areas={areas}
        none={{ value: 'none', label: 'none' }}
        selectProps={(area) => ({
          'aria-label': `${area} access of ${account.username}`,
          value: access[area] ?? 'none',
          onChange: (event) => setAccess({ ...access, [area]: event.target.value as AreaAccess }),
        })}
      />
      <div className="toolbar">
        <button type="submit">Save changes</button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {account.source === 'ldap' ? (
        // The directory keeps the password, and maps the role and grants again at each sign-in.
        <p className="hint" data-testid="directory-account-hint">
          {account.username} signs in through the LDAP directory: the password is changed there, and the role and grants follow the directory groups again at the next sign-in.
        </p>
      ) : (
        <>
          <label htmlFor={`password-${account.id}`}>New password for {account.username}</label>
          <input
            id={`password-${account.id}`}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <p className="hint">Their sessions end; they must choose their own password at the next sign-in.</p>
          <button type="button" disabled={password === ''} onClick={resetPassword}>
            Reset password
          </button>
        </>
      )}
    </form>
  );
}
