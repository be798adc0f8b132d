import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorResponse } from './error-response';
import { MAX_JSON_BODY_BYTES, PayloadTooLargeError, readJsonBody } from './read-json-body';

const CHUNK = 64 * 1024;

/** A POST whose body is produced on demand, `total` bytes of JSON string; counts what was pulled. */
function streamedRequest(total: number, headers: Record<string, string> = {}) {
  const pulled = { bytes: 0 };
  const opening = new TextEncoder().encode('{"name":"');
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      const chunk = pulled.bytes === 0 ? opening : new Uint8Array(Math.min(CHUNK, total - pulled.bytes)).fill(0x61);
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const request = new Request('http://console.test/api/v1/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  return { request, pulled };
}

const anything = z.object({ name: z.string() }).partial();

describe('readJsonBody', () => {
  it('refuses a body over 1 MiB with a 413 that says so, reading no more than the limit and a chunk', async () => {
    const { request, pulled } = streamedRequest(64 * 1024 * 1024);
    const refused = await readJsonBody(request, anything).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PayloadTooLargeError);
    expect(pulled.bytes).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES + 2 * CHUNK);
    const response = errorResponse(refused);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1048576 bytes (1 MiB): send less' },
    });
  });

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const { request, pulled } = streamedRequest(4 * 1024 * 1024, { 'content-length': String(4 * 1024 * 1024) });
    await expect(readJsonBody(request, anything)).rejects.toBeInstanceOf(PayloadTooLargeError);
    // A stream fills its first chunk on its own when made; nothing more is asked for.
    expect(pulled.bytes).toBeLessThanOrEqual(CHUNK);
  });

  it('reads a body of exactly the limit, and takes a larger limit where a route asks for one', async () => {
    const name = 'a'.repeat(MAX_JSON_BODY_BYTES - '{"name":""}'.length);
    const post = (text: string) => new Request('http://console.test/x', { method: 'POST', body: text });
    expect((await readJsonBody(post(JSON.stringify({ name })), anything)).name).toHaveLength(name.length);
    await expect(readJsonBody(post(JSON.stringify({ name: `${name}a` })), anything)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect((await readJsonBody(post(JSON.stringify({ name: `${name}a` })), anything, 2 * MAX_JSON_BODY_BYTES)).name).toHaveLength(name.length + 1);
  });

  it('answers an empty body as {}, bad JSON and invalid UTF-8 with a 400', async () => {
    expect(await readJsonBody(new Request('http://console.test/x', { method: 'POST' }), anything)).toEqual({});
    await expect(readJsonBody(new Request('http://console.test/x', { method: 'POST', body: '{' }), anything)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    await expect(readJsonBody(new Request('http://console.test/x', { method: 'POST', body: invalidUtf8 }), anything)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The request body is not valid UTF-8',
    });
  });
});
