'use client';

import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { api, type CallOptions } from './api/api-client';
import { ApiError } from './api/api-error';
import { FormFailure } from './form-failure';

interface Props {
  /** What the confirmation asks; nothing is sent unless the user agrees. */
  readonly question: string;
  /** The API path to DELETE (built with apiPath), and its query. */
  readonly path: string;
  readonly query?: CallOptions['query'];
  readonly errorTestId: string;
  readonly ariaLabel?: string;
  /** Where to go once it is gone; unset: stay and refresh the page. */
  readonly goTo?: string;
  readonly children: ReactNode;
}

/** A remove button: asks first, then deletes; the API's refusal (e.g. "in use by …") shows under it. */
export function ConfirmedDeleteButton({ question, path, query, errorTestId, ariaLabel, goTo, children }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="small"
        aria-label={ariaLabel}
        title={ariaLabel}
        onClick={async () => {
          if (!window.confirm(question)) return;
          const failure = await api.delete(path, query ? { query } : undefined).then(() => null, ApiError.from);
          setError(failure?.message ?? null);
          if (failure) return;
          if (goTo) router.push(goTo);
          router.refresh();
        }}
      >
        {children}
      </button>
      <FormFailure message={error} testId={errorTestId} />
    </>
  );
}
