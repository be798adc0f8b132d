'use client';

import { useState } from 'react';
import { sendContainerForm } from '../container-actions';

/**
 * The state of a small container form: the API's message per field, a failure for the form as a
 * whole (only when no field is to blame), and whether a request is on its way.
 */
export function useContainerForm() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Sends the form; the answer on success, null once the messages are shown. */
  async function send<Data>(path: string, method: 'POST' | 'DELETE', body?: unknown): Promise<Data | null> {
    setBusy(true);
    setFailure(null);
    const outcome = await sendContainerForm<Data>(path, method, body);
    setBusy(false);
    if (outcome.ok) {
      setFields({});
      return outcome.data;
    }
    setFields(outcome.fields);
    if (Object.keys(outcome.fields).length === 0) setFailure(outcome.message);
    return null;
  }

  return { fields, failure, setFailure, busy, send };
}
