'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { CopyButton } from '@/app/components/copy-button';
import { DataTable } from '@/app/components/data-table';
import { ErrorBox } from '@/app/components/error-box';
import { RelativeTime } from '@/app/components/relative-time';

export interface WebhookRow {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  lastCalledAt: string | null;
  lastOutcome: string | null;
  status: 'active' | 'revoked';
}

/** The service's redeploy webhooks: create one (its URL shown once), see when each ran, revoke. */
export function ServiceWebhooks({ service, webhooks, canWrite }: { service: string; webhooks: WebhookRow[]; canWrite: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [url, setUrl] = useState<string | null>(null);

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    setError(null);
    setUrl(null);
    api
      .post<{ path: string }>('/api/v1/webhooks', { name: form.get('name'), service })
      .then((created) => {
        setUrl(`${window.location.origin}${created.path}`);
        target.reset();
        router.refresh();
      })
      .catch((caught: unknown) => setError(ApiError.from(caught).message));
  }

  function revoke(hook: WebhookRow) {
    if (!window.confirm(`Revoke the webhook ${hook.name}? Its URL stops working at once; this cannot be undone.`)) return;
    setError(null);
    api
      .delete(apiPath`/api/v1/webhooks/${hook.id}`)
      .then(() => router.refresh())
      .catch((caught: unknown) => setError(ApiError.from(caught).message));
  }

  return (
    <section className="card" data-testid="service-webhooks" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Webhooks</h2>
      <p className="muted">
        A POST to a webhook&apos;s URL redeploys this service with the newest image pushed under its tag (pinned by digest, using the saved registry
        login for its registry). No sign-in is needed: the URL is the secret. One redeploy per hook per interval.
      </p>
      <ErrorBox message={error} testId="webhooks-error" />
      {url && (
        <div className="notice" role="status">
          Copy the webhook URL now: it is shown only once.
          <div className="secret" data-testid="new-webhook-url">
            {url}
          </div>
          <CopyButton text={url} label="Copy the URL" />
        </div>
      )}
      <DataTable testId="webhooks-table" columns={['Name', 'Status', 'Made by', 'Created', 'Last call', 'Outcome', '']} rows={webhooks} empty="No webhooks for this service.">
        {(hook) => (
          <tr key={hook.id} data-testid={`webhook-${hook.name}`}>
            <td>{hook.name}</td>
            <td data-testid="webhook-status">{hook.status}</td>
            <td>{hook.createdBy}</td>
            <td><RelativeTime iso={hook.createdAt} /></td>
            <td>{hook.lastCalledAt ? <RelativeTime iso={hook.lastCalledAt} /> : 'never'}</td>
            <td data-testid="webhook-outcome">{hook.lastOutcome ?? '—'}</td>
            <td className="actions">
              {canWrite && hook.status === 'active' && (
                <button type="button" className="danger" aria-label={`Revoke ${hook.name}`} onClick={() => revoke(hook)}>
                  Revoke
                </button>
              )}
            </td>
          </tr>
        )}
      </DataTable>
      {canWrite && (
        <form className="form" onSubmit={create} aria-label="New webhook">
          <label htmlFor="webhook-name">Webhook name</label>
          <input id="webhook-name" name="name" required maxLength={100} placeholder="e.g. ci-main" />
          <button type="submit">Create webhook</button>
        </form>
      )}
    </section>
  );
}
