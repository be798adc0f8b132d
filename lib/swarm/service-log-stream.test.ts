import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { dockerLogFrame } from '@/tests/support/docker-log-frame';
import { SseReader } from '@/tests/support/sse-reader';
import { serviceLogEventStream, serviceLogsQuerySchema } from './service-log-stream';


describe('serviceLogEventStream', () => {
  it('sends one line event per line, keeping a half line on stdout apart from stderr, and the rest at the end', async () => {
    const source = new PassThrough();
    const reader = new SseReader(serviceLogEventStream(source, undefined, 'unix:///docker.sock'));
    expect((await reader.next()).event).toBe('ready');
    source.write(Buffer.concat([dockerLogFrame(1, 'hal'), dockerLogFrame(2, 'oops\n'), dockerLogFrame(1, 'f\nsecond\nlast')]));
    const events = [await reader.next(), await reader.next(), await reader.next()].map((message) => [message.event, JSON.parse(message.data)]);
    expect(events).toEqual([
      ['line', { stream: 'stderr', text: 'oops' }],
      ['line', { stream: 'stdout', text: 'half' }],
      ['line', { stream: 'stdout', text: 'second' }],
    ]);
    source.end();
    expect(JSON.parse((await reader.next()).data)).toEqual({ stream: 'stdout', text: 'last' });
    expect((await reader.next()).event).toBe('end');
    await expect(reader.next(500)).rejects.toThrow('the event stream ended');
  });

  it('destroys the source when the signal aborts', async () => {
    const source = new PassThrough();
    const abort = new AbortController();
    const reader = new SseReader(serviceLogEventStream(source, abort.signal, 'unix:///docker.sock'));
    expect((await reader.next()).event).toBe('ready');
    abort.abort();
    expect(source.destroyed).toBe(true);
    await expect(reader.next(500)).rejects.toThrow('the event stream ended');
  });
});

describe('serviceLogsQuerySchema', () => {
  it('defaults tail to 200 and refuses what is not a line count or a follow flag', () => {
    expect(serviceLogsQuerySchema.parse({})).toEqual({ tail: 200 });
    expect(serviceLogsQuerySchema.parse({ tail: '50', follow: '1' })).toEqual({ tail: 50, follow: '1' });
    expect(serviceLogsQuerySchema.safeParse({ tail: '0' }).error?.issues[0]?.message).toBe('tail is a whole number of lines from 1 to 5000');
    expect(serviceLogsQuerySchema.safeParse({ tail: 'lots' }).error?.issues[0]?.message).toBe('tail is a whole number of lines from 1 to 5000');
    expect(serviceLogsQuerySchema.safeParse({ follow: 'yes' }).error?.issues[0]?.message).toBe('follow is 1 (keep the stream open) or 0');
  });
});
