'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { apiPath } from '@/app/components/api/api-path';
import { FormFailure } from '@/app/components/form-failure';
import type { ContainerSummary } from '@/lib/containers/container-summary';
import { FieldMessage } from '@/app/components/field-message';
import { useContainerForm } from './use-container-form';

type Limits = Pick<ContainerSummary, 'cpus' | 'cpuset' | 'memoryBytes'>;
type Texts = { cpus: string; cpuset: string; memoryMb: string };

const MIB = 1024 * 1024;

function textsOf(limits: Limits): Texts {
  return {
    cpus: limits.cpus === null ? '' : String(limits.cpus),
    cpuset: limits.cpuset ?? '',
    memoryMb: limits.memoryBytes === null ? '' : String(Math.round((limits.memoryBytes / MIB) * 100) / 100),
  };
}

function describe(limits: Limits): string {
  const cpus = limits.cpus === null ? 'no CPU limit' : `${limits.cpus} cores`;
  const cpuset = limits.cpuset === null ? 'all cores' : `cpuset ${limits.cpuset}`;
  const memory = limits.memoryBytes === null ? 'no memory limit' : `${Math.round((limits.memoryBytes / MIB) * 100) / 100} MiB`;
  return `${cpus} · ${cpuset} · ${memory}`;
}

/**
 * Changes the CPU cores, cpuset and memory limit, running or not. Only the values changed are
 * sent; what does not parse goes as is, so the API's 422 names the field and what to fix.
 */
export function LimitsForm({ id, host, limits, hostCores }: { id: string; host: string; limits: Limits; hostCores: number | null }) {
  const router = useRouter();
  const [current, setCurrent] = useState(limits);
  const [texts, setTexts] = useState(textsOf(limits));
  const [done, setDone] = useState<string | null>(null);
  const form = useContainerForm();

  const before = textsOf(current);
  const changed = (Object.keys(texts) as (keyof Texts)[]).filter((key) => texts[key].trim() !== before[key] && texts[key].trim() !== '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (changed.length === 0) {
      form.setFailure('Change at least one value.');
      return;
    }
    const body: Record<string, unknown> = {};
    for (const key of changed) body[key] = key === 'cpuset' ? texts[key].trim() : Number(texts[key].trim());
    const updated = await form.send(() => api.post<{ container: ContainerSummary }>(apiPath`/api/v1/containers/${id}/update`, body, { query: { host } }));
    if (!updated) return;
    setCurrent(updated.container);
    setTexts(textsOf(updated.container));
    setDone(`Now ${describe(updated.container)}`);
    router.refresh();
  }

  const input = (key: keyof Texts, label: string, placeholder: string) => (
    <>
      <label htmlFor={`limits-${key}`}>{label}</label>
      <input
        id={`limits-${key}`}
        value={texts[key]}
        placeholder={placeholder}
        inputMode={key === 'cpuset' ? 'text' : 'decimal'}
        onChange={(event) => setTexts({ ...texts, [key]: event.target.value })}
      />
      <FieldMessage name={key} fields={form.fields} />
    </>
  );

  return (
    <form className="form control-form" onSubmit={submit} noValidate data-testid="limits-form">
      <h3>Limits</h3>
      <div className="hint" data-testid="limits-current">
        Now {describe(current)}
        {hostCores !== null ? ` · the host has ${hostCores} cores (0-${hostCores - 1})` : ''}
      </div>
      {input('cpus', 'CPU cores', 'e.g. 0.5 or 2')}
      {input('cpuset', 'Cpuset (cores)', 'e.g. 0 or 0-1,3')}
      {input('memoryMb', 'Memory limit (MiB)', 'e.g. 256')}
      <div className="hint">Only the values you change are sent; Docker cannot lift a limit from an existing container.</div>
      <FormFailure message={form.failure} />
      {done && (
        <div className="ok" data-testid="limits-done">
          {done}
        </div>
      )}
      <button type="submit" disabled={form.busy}>
        Change limits
      </button>
    </form>
  );
}
