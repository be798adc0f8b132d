'use client';

/** Calls a container mutation of the REST API; the error's message (Docker's, in words) or null. */
export async function callContainerApi(path: string, method: 'POST' | 'DELETE', body?: unknown): Promise<string | null> {
  const response = await fetch(`/api/v1/containers/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.ok) return null;
  const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return payload?.error?.message ?? `HTTP ${response.status}`;
}

export function actionPath(id: string, host: string, action: string): string {
  return `${encodeURIComponent(id)}/${action}?host=${encodeURIComponent(host)}`;
}

export function removePath(id: string, host: string): string {
  return `${encodeURIComponent(id)}?host=${encodeURIComponent(host)}&force=true`;
}

export type ApiOutcome<Data> = { ok: true; data: Data } | { ok: false; message: string; fields: Record<string, string> };

/** Calls the containers API for a form: the answer's data, or its message and one message per field. */
export async function sendContainerForm<Data>(path: string, method: 'POST' | 'DELETE', body?: unknown): Promise<ApiOutcome<Data>> {
  const response = await fetch(`/api/v1/containers/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = (await response.json().catch(() => null)) as (Data & { error?: { message?: string; fields?: { path: string; message: string }[] } }) | null;
  if (response.ok && payload) return { ok: true, data: payload };
  const fields: Record<string, string> = {};
  for (const field of payload?.error?.fields ?? []) fields[field.path] ??= field.message;
  return { ok: false, message: payload?.error?.message ?? `HTTP ${response.status}`, fields };
}
