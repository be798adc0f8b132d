import { describe, expect, it } from 'vitest';
import { sseStream, type SseSink } from './sse-stream';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('sseStream', () => {
  it('writes events, comments and retry lines, and stops the feed once when it closes', async () => {
    let stops = 0;
    const stream = sseStream({
      start(sink) {
        sink.retry(3000);
        sink.event('sample', { cpu: 1 });
        sink.comment('keep-alive');
        sink.close();
        sink.event('late', {}); // dropped: the stream is closed
        sink.close();
      },
      stop: () => (stops += 1),
    });
    expect(await readAll(stream)).toBe('retry: 3000\n\nevent: sample\ndata: {"cpu":1}\n\n: keep-alive\n\n');
    expect(stops).toBe(1);
  });

  it('stops the feed when the reader cancels, and drops what comes after', async () => {
    let stops = 0;
    let held: SseSink | undefined;
    const stream = sseStream({ start: (sink) => void (held = sink), stop: () => (stops += 1) });
    const reader = stream.getReader();
    held?.event('first', 1);
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('event: first\ndata: 1\n\n');
    await reader.cancel();
    expect(stops).toBe(1);
    expect(held?.closed).toBe(true);
    held?.event('second', 2); // no throw, nothing written
    expect(stops).toBe(1);
  });

  it('stops the feed when the signal aborts, or at once when it already has', async () => {
    const abort = new AbortController();
    let stops = 0;
    const stream = sseStream({ start: () => undefined, stop: () => (stops += 1) }, abort.signal);
    const reading = readAll(stream);
    abort.abort();
    expect(await reading).toBe('');
    expect(stops).toBe(1);

    let started = false;
    const early = sseStream({ start: () => void (started = true), stop: () => (stops += 1) }, AbortSignal.abort());
    expect(await readAll(early)).toBe('');
    expect(started).toBe(false);
    expect(stops).toBe(2);
  });
});
