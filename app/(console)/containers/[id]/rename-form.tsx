'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { apiPath } from '@/app/components/api/api-path';
import { FormFailure } from '@/app/components/form-failure';
import type { ContainerSummary } from '@/lib/containers/container-summary';
import { FieldMessage } from '@/app/components/field-message';
import { useContainerForm } from './use-container-form';

/** Renames the container; a taken or invalid name gets Docker's or the validator's message under the field. */
export function RenameForm({ id, host, name }: { id: string; host: string; name: string }) {
  const router = useRouter();
  const [value, setValue] = useState(name);
  const form = useContainerForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const renamed = await form.send(() => api.post<{ container: ContainerSummary }>(apiPath`/api/v1/containers/${id}/rename`, { name: value.trim() }, { query: { host } }));
    if (!renamed) return;
    setValue(renamed.container.name);
    router.refresh();
  }

  return (
    <form className="form control-form" onSubmit={submit} noValidate data-testid="rename-form">
      <h3>Rename</h3>
      <label htmlFor="rename-name">New name</label>
      <input id="rename-name" value={value} onChange={(event) => setValue(event.target.value)} />
      <FieldMessage name="name" fields={form.fields} />
      <FormFailure message={form.failure} />
      <button type="submit" disabled={form.busy || value.trim() === name}>
        Rename
      </button>
    </form>
  );
}
