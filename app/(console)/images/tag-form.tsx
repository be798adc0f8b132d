'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import type { ImageSummary } from '@/lib/images/image-summary';
import { splitReference } from '@/lib/images/reference';

/** Gives an image another name, repository[:tag] (latest if none); the API's message per part when it is not a valid name. */
export function TagForm({ image }: { image: ImageSummary }) {
  const router = useRouter();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setDone(null);
    const { name, tag, digest } = splitReference(value.trim());
    if (digest !== undefined) {
      setProblem('A tag names no digest: write repository:tag');
      return;
    }
    setBusy(true);
    const answer = await api
      .post<{ tagged: { host: string; tag: string } }>(apiPath`/api/v1/images/${image.id}/tag`, { repository: name, ...(tag !== undefined ? { tag } : {}), host: image.host })
      .catch(ApiError.from);
    setBusy(false);
    if (!(answer instanceof ApiError)) {
      setDone(`Tagged ${answer.tagged.tag}`);
      setValue('');
      router.refresh();
      return;
    }
    const fields = answer.fieldErrors;
    setProblem(fields.length > 0 ? fields.map((field) => `${field.path === 'repository' ? 'Repository' : field.path === 'tag' ? 'Tag' : field.path}: ${field.message}`).join('; ') : answer.message);
  }

  return (
    <form className="toolbar" onSubmit={submit} noValidate data-testid="tag-form">
      <label htmlFor={`tag-${image.shortId}`}>New name for {image.tags[0] ?? image.shortId}</label>
      <input id={`tag-${image.shortId}`} value={value} onChange={(event) => setValue(event.target.value)} placeholder="repository:tag, e.g. team/app:v2" />
      <button type="submit" disabled={busy || value.trim() === ''}>
        Add tag
      </button>
      {problem && (
        <span className="down" role="alert" data-testid="tag-error">
          {problem}
        </span>
      )}
      {done && (
        <span className="up" data-testid="tag-done">
          {done}
        </span>
      )}
    </form>
  );
}
