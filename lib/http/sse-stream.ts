// One place that knows how a server-sent events stream is written and ended, so each feed (stats,
// service logs, Flannel's leases…) says only what it sends and what it must release.

/** One server-sent events message; the data is JSON, which never holds a raw newline, so one line. */
export function formatSseMessage(message: { id?: string; event?: string; data: unknown; retry?: number }): string {
  const lines: string[] = [];
  if (message.retry !== undefined) lines.push(`retry: ${message.retry}`);
  if (message.id !== undefined) lines.push(`id: ${message.id}`);
  if (message.event !== undefined) lines.push(`event: ${message.event}`);
  lines.push(`data: ${JSON.stringify(message.data)}`);
  return `${lines.join('\n')}\n\n`;
}

/** What a feed writes to; once the stream is closed, or its reader has gone, writes are dropped. */
export interface SseSink {
  readonly closed: boolean;
  /** An event; `id` is what the browser sends back as Last-Event-ID when it reconnects. */
  event(name: string, data: unknown, id?: string): void;
  /** A comment line, e.g. a keep-alive that proxies and browsers ignore. */
  comment(text: string): void;
  /** How long the browser's EventSource waits before it reconnects. */
  retry(ms: number): void;
  close(): void;
}

export interface SseFeed {
  /** Starts producing events into an open sink. */
  start(sink: SseSink): void | Promise<void>;
  /** Releases what start() opened (a Docker stream, an etcd watch, timers): called once, however the stream ends. */
  stop(): void;
}

/**
 * A ReadableStream of SSE bytes around a feed. The feed is stopped when it closes the sink, when
 * the reader cancels, when a write fails, or when `signal` aborts (the browser went away).
 */
export function sseStream(feed: SseFeed, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let closed = false;
  let output: ReadableStreamDefaultController<Uint8Array> | undefined;
  const stop = () => {
    if (closed) return;
    closed = true;
    signal?.removeEventListener('abort', onAbort);
    feed.stop();
  };
  const write = (text: string) => {
    if (closed || !output) return;
    try {
      output.enqueue(encoder.encode(text));
    } catch {
      stop();
    }
  };
  const sink: SseSink = {
    get closed() {
      return closed;
    },
    event: (name, data, id) => write(formatSseMessage({ id, event: name, data })),
    comment: (text) => write(`: ${text}\n\n`),
    retry: (ms) => write(`retry: ${ms}\n\n`),
    close: () => {
      if (closed) return;
      stop();
      try {
        output?.close();
      } catch {
        // already closed by the reader
      }
    },
  };
  function onAbort() {
    sink.close();
  }
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      output = controller;
      if (signal?.aborted) return sink.close();
      signal?.addEventListener('abort', onAbort, { once: true });
      await feed.start(sink);
    },
    cancel: stop,
  });
}
