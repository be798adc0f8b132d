/** Calls the console's own REST API from the browser; a failure becomes the API's message. */
export async function apiFetch<T>(path: string, init: { method: string; body?: unknown } = { method: 'GET' }): Promise<T> {
  const response = await fetch(path, {
    method: init.method,
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { message?: string } } | null)?.error;
    throw new Error(error?.message ?? `The console answered ${response.status}`);
  }
  return body as T;
}
