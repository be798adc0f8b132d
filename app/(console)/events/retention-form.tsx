'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';

export function RetentionForm({ days }: { days: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = Number(new FormData(event.currentTarget).get('days'));
    api
      .put<{ retention: { days: number }; deleted: number }>('/api/v1/settings/audit-retention', { days: value })
      .then((result) => {
        setMessage({ ok: true, text: `Saved: events are kept ${value} days (${result.deleted} older events deleted).` });
        router.refresh();
      })
      .catch((caught: unknown) => setMessage({ ok: false, text: ApiError.from(caught).message }));
  }

  return (
    <form className="form" onSubmit={save}>
      <label htmlFor="retention-days">Keep events for (days)</label>
      <input id="retention-days" name="days" type="number" min={1} max={3650} defaultValue={days} required />
      <button type="submit">Save retention</button>
      {message && (
        <div className={message.ok ? 'ok' : 'field-error'} role="status" data-testid="retention-message">
          {message.text}
        </div>
      )}
    </form>
  );
}
