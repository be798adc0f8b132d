'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { DataTable } from '@/app/components/data-table';
import { ErrorBox } from '@/app/components/error-box';
import { RelativeTime } from '@/app/components/relative-time';

export interface RegistryRow {
  id: string;
  name: string;
  address: string;
  username: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export function RegistriesManager({ registries, keyProblem }: { registries: RegistryRow[]; keyProblem: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    setError(null);
    setBusy(true);
    api
      .post('/api/v1/registries', { name: form.get('name'), address: form.get('address'), username: form.get('username'), password: form.get('password') })
      .then(() => {
        target.reset();
        router.refresh();
      })
      .catch((caught: unknown) => setError(ApiError.from(caught).message))
      .finally(() => setBusy(false));
  }

  function remove(registry: RegistryRow) {
    if (!window.confirm(`Delete the saved registry ${registry.name}? Services already created keep their login; new pulls need another.`)) return;
    setError(null);
    api
      .delete(apiPath`/api/v1/registries/${registry.id}`)
      .then(() => router.refresh())
      .catch((caught: unknown) => setError(ApiError.from(caught).message));
  }

  return (
    <>
      {keyProblem && (
        <div className="banner" role="alert" data-testid="registry-key-problem">
          {keyProblem}
        </div>
      )}
      <ErrorBox message={error} testId="registries-error" />
      <DataTable testId="registries-table" columns={['Name', 'Address', 'Username', 'Saved by', 'Created', 'Last used', '']} rows={registries} empty="No saved registries yet.">
        {(registry) => (
          <tr key={registry.id} data-testid={`registry-${registry.name}`}>
            <td>{registry.name}</td>
            <td><code>{registry.address}</code></td>
            <td>{registry.username}</td>
            <td>{registry.createdBy}</td>
            <td><RelativeTime iso={registry.createdAt} /></td>
            <td data-testid="registry-last-used">{registry.lastUsedAt ? <RelativeTime iso={registry.lastUsedAt} /> : 'never'}</td>
            <td className="actions">
              <button type="button" className="danger" aria-label={`Delete ${registry.name}`} onClick={() => remove(registry)}>
                Delete
              </button>
            </td>
          </tr>
        )}
      </DataTable>
      <h2 className="section">Save a registry</h2>
      <form className="form" onSubmit={create} aria-label="Save a registry">
        <label htmlFor="registry-name">Name</label>
        <input id="registry-name" name="name" required maxLength={100} placeholder="e.g. team registry" />
        <label htmlFor="registry-address">Address (host[:port], as images name it)</label>
        <input id="registry-address" name="address" required maxLength={256} placeholder="registry.example.com:5000" />
        <label htmlFor="registry-username">Username</label>
        <input id="registry-username" name="username" required maxLength={256} autoComplete="off" />
        <label htmlFor="registry-password">Password or token</label>
        <input id="registry-password" name="password" type="password" required maxLength={4096} autoComplete="new-password" />
        <button type="submit" disabled={busy || keyProblem !== null}>
          Save registry
        </button>
      </form>
    </>
  );
}
