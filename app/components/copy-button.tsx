'use client';

import { useState } from 'react';

/** Copies a secret shown once (a new token) to the clipboard, and says whether that worked. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  const copy = async () => {
    const copied = await navigator.clipboard?.writeText(text).then(
      () => true,
      () => false,
    );
    setOutcome(copied ? 'copied' : 'failed');
  };
  return (
    <>
      <button type="button" className="small" onClick={() => void copy()}>
        {label}
      </button>{' '}
      <span role="status" data-testid="copy-outcome">
        {outcome === 'copied' ? 'Copied to the clipboard' : outcome === 'failed' ? 'The browser refused: select the text and copy it by hand' : ''}
      </span>
    </>
  );
}
