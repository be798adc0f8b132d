import { ApiError, apiErrorFrom, NO_ANSWER_MESSAGE } from './api-error';
import type { JsonOf } from './json-of';

// The browser's one way to call the console's REST API. Same-origin only: the session cookie is
// sent (credentials 'same-origin') and the browser adds Origin to every mutation, which is what
// the server's cross-site check (lib/auth/same-origin.ts) compares with its host. No API token
// and no Authorization header ever come from a page: a token would skip that Origin check.
// Every failure is thrown as an ApiError; server-sent event streams (EventSource) and the exec
// WebSocket are not calls and do not come through here.

/** Query parameters; undefined and null ones are left out. */
export type Query = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface CallOptions {
  readonly query?: Query;
  readonly signal?: AbortSignal;
}

export interface StreamOptions extends CallOptions {
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
}

const API_PREFIX = '/api/v1/';

function urlOf(path: string, query: Query | undefined): string {
  if (!path.startsWith(API_PREFIX)) throw new ApiError('PAGE_ERROR', `Not a path of this console's API: ${path}`);
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null) search.set(name, String(value));
  const text = search.toString();
  if (text === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

/** The answer to one request, or the ApiError it stands for. An abort is thrown as the browser's own AbortError. */
async function send(method: string, path: string, body: unknown, options: CallOptions, accept?: string): Promise<Response> {
  const headers: Record<string, string> = {};
  if (accept) headers.accept = accept;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (caught) {
    if (options.signal?.aborted || caught instanceof ApiError) throw caught;
    throw new ApiError('NO_ANSWER', NO_ANSWER_MESSAGE, { cause: caught });
  }
  if (!response.ok) throw apiErrorFrom(response.status, await response.json().catch(() => null), response.headers);
  return response;
}

/** A JSON call: the parsed answer (undefined for 204 No Content). */
async function call<T>(method: string, path: string, body: unknown, options: CallOptions = {}): Promise<JsonOf<T>> {
  const response = await send(method, path, body, options, 'application/json');
  const text = await response.text();
  if (text === '') return undefined as JsonOf<T>;
  try {
    return JSON.parse(text) as JsonOf<T>;
  } catch (caught) {
    throw new ApiError('BAD_ANSWER', `The console's answer could not be read (HTTP ${response.status})`, { status: response.status, cause: caught });
  }
}

/** The body of a streamed answer (logs, image pulls) once the API has accepted the request. */
async function open(path: string, options: StreamOptions = {}): Promise<ReadableStream<Uint8Array>> {
  const response = await send(options.method ?? 'GET', path, options.body, options);
  return response.body ?? new ReadableStream({ start: (controller) => controller.close() });
}

/** Reads a streamed text answer as it arrives, chunk by chunk, until the server ends it. */
async function streamText(path: string, onText: (text: string) => void, options: StreamOptions = {}): Promise<void> {
  const reader = (await open(path, options)).getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    onText(decoder.decode(value, { stream: true }));
  }
}

/** Reads a newline-delimited JSON answer (application/x-ndjson) as it arrives, one item a line. */
async function streamJsonLines<T>(path: string, onItem: (item: JsonOf<T>) => void, options: StreamOptions = {}): Promise<void> {
  let buffered = '';
  const flush = (final: boolean) => {
    const lines = buffered.split('\n');
    buffered = final ? '' : (lines.pop() ?? '');
    for (const line of lines) if (line.trim() !== '') onItem(JSON.parse(line) as JsonOf<T>);
  };
  await streamText(
    path,
    (text) => {
      buffered += text;
      flush(false);
    },
    options,
  );
  flush(true);
}

/**
 * The console's REST API from the browser. T is the server's type of the answer (import type
 * from lib/); dates in it arrive as strings (JsonOf). Every failure is an ApiError.
 */
export const api = {
  get: <T>(path: string, options?: CallOptions) => call<T>('GET', path, undefined, options),
  post: <T = void>(path: string, body?: unknown, options?: CallOptions) => call<T>('POST', path, body, options),
  put: <T = void>(path: string, body: unknown, options?: CallOptions) => call<T>('PUT', path, body, options),
  patch: <T = void>(path: string, body: unknown, options?: CallOptions) => call<T>('PATCH', path, body, options),
  delete: <T = void>(path: string, options?: CallOptions) => call<T>('DELETE', path, undefined, options),
  open,
  streamText,
  streamJsonLines,
} as const;
