// The swarm pages' calls to the REST API from the browser: the error's message and, for a 422,
// one message per field, keyed by the field's dotted path.

export interface ApiFailure {
  readonly message: string;
  readonly fields: Readonly<Record<string, string>>;
}

interface ErrorBody {
  error?: { message?: string; fields?: { path: string; message: string }[] };
}

/** null when the call succeeded. */
export async function callApi(path: string, method: string, body?: unknown): Promise<ApiFailure | null> {
  const response = await fetch(path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (response.ok) return null;
  const payload = (await response.json().catch(() => ({}))) as ErrorBody;
  const fields: Record<string, string> = {};
  for (const field of payload.error?.fields ?? []) fields[field.path] ??= field.message;
  return { message: payload.error?.message ?? `HTTP ${response.status}`, fields };
}
