import { describe, expect, it } from 'vitest';
import { sseResponse } from './sse-response';

describe('sseResponse', () => {
  it('streams the body as server-sent events that no cache or proxy holds back', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('event: sample\ndata: {}\n\n'));
        controller.close();
      },
    });
    const response = sseResponse(body);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(await response.text()).toBe('event: sample\ndata: {}\n\n');
  });
});
