'use client';

import { useState } from 'react';
import { ApiError } from '@/app/components/api/api-error';

/**
 * The state of a small container form: the API's message per field, a failure for the form as a
 * whole (only when no field is to blame), and whether a request is on its way.
 */
export function useContainerForm() {
  const [fields, setFields] = useState<Readonly<Record<string, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Makes the call (one of api's methods); the answer on success, null once the messages are shown. */
  async function send<Data>(call: () => Promise<Data>): Promise<Data | null> {
    setBusy(true);
    setFailure(null);
    const outcome = await call().catch(ApiError.from);
    setBusy(false);
    if (!(outcome instanceof ApiError)) {
      setFields({});
      return outcome;
    }
    setFields(outcome.fields);
    if (Object.keys(outcome.fields).length === 0) setFailure(outcome.message);
    return null;
  }

  return { fields, failure, setFailure, busy, send };
}
