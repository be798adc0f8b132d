import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from './api-client';
import { ApiError } from './api-error';
import { apiPath } from './api-path';

function answer(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text, { status, headers });
}

function stubFetch(response: Response | Error) {
  const fetchStub = vi.fn(async (_url: string, _init: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetchStub);
  return fetchStub;
}

afterEach(() => vi.unstubAllGlobals());

describe('api calls', () => {
  it('sends JSON same-origin with the session cookie, uncached', async () => {
    const fetchStub = stubFetch(answer(201, { secret: 's' }));
    expect(await api.post<{ secret: string }>('/api/v1/tokens', { name: 'ci' })).toEqual({ secret: 's' });
    const [url, init] = fetchStub.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/tokens');
    expect(init).toMatchObject({
      method: 'POST',
      body: '{"name":"ci"}',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
    });
  });

  it('sends no body and no content type without a body, and adds the query', async () => {
    const fetchStub = stubFetch(answer(204));
    expect(await api.delete('/api/v1/images/abc', { query: { host: 'a b', force: false, skip: undefined } })).toBeUndefined();
    const [url, init] = fetchStub.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/images/abc?host=a+b&force=false');
    expect(init?.body).toBeUndefined();
    expect(init?.headers).toEqual({ accept: 'application/json' });
  });

  it("throws the API's error as an ApiError", async () => {
    stubFetch(answer(422, { error: { code: 'VALIDATION_FAILED', message: 'name: Required', fields: [{ path: 'name', message: 'Required' }] } }));
    const failure = await api.post('/api/v1/accounts', {}).catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', message: 'name: Required', fields: { name: 'Required' } });
  });

  it('throws NO_ANSWER when the console cannot be reached', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ code: 'NO_ANSWER', message: 'The console cannot be reached', status: 0 });
  });

  it("throws an abort as the browser's own error, for the page to ignore", async () => {
    const abort = new AbortController();
    abort.abort();
    const aborted = new DOMException('aborted', 'AbortError');
    stubFetch(aborted);
    await expect(api.get('/api/v1/me', { signal: abort.signal })).rejects.toBe(aborted);
  });

  it('throws BAD_ANSWER for a success that is not JSON', async () => {
    stubFetch(answer(200, '<html>'));
    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ code: 'BAD_ANSWER', status: 200 });
  });

  it('refuses a path outside the API, which would leave the same-origin rules', async () => {
    const fetchStub = stubFetch(answer(200, {}));
    await expect(api.get('https://elsewhere.example/api/v1/me')).rejects.toMatchObject({ code: 'PAGE_ERROR' });
    expect(fetchStub).not.toHaveBeenCalled();
  });
});

describe('api streams', () => {
  it('reads newline-delimited JSON, a line split across chunks included', async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"type":"status","message":"a"}\n{"type":'));
        controller.enqueue(encoder.encode('"status","message":"b"}\n\n{"type":"done"}'));
        controller.close();
      },
    });
    const fetchStub = stubFetch(new Response(body, { status: 200 }));
    const items: unknown[] = [];
    await api.streamJsonLines<{ type: string }>('/api/v1/images/pull', (item) => items.push(item), { method: 'POST', body: { image: 'x' } });
    expect(items).toEqual([{ type: 'status', message: 'a' }, { type: 'status', message: 'b' }, { type: 'done' }]);
    expect(fetchStub.mock.calls[0]?.[1]).toMatchObject({ method: 'POST', body: '{"image":"x"}' });
  });

  it('throws the refusal of a stream before reading it', async () => {
    stubFetch(answer(404, { error: { code: 'NOT_FOUND', message: 'No such container' } }));
    const chunks: string[] = [];
    await expect(api.streamText('/api/v1/containers/x/logs', (text) => chunks.push(text))).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such container' });
    expect(chunks).toEqual([]);
  });
});

describe('apiPath', () => {
  it('encodes each value as one path segment', () => {
    expect(apiPath`/api/v1/networks/${'a/b?c'}/${'connect'}`).toBe('/api/v1/networks/a%2Fb%3Fc/connect');
    expect(apiPath`/api/v1/me`).toBe('/api/v1/me');
  });
});
