import type { ContainerChangeFeed } from './container-changes';

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for one browser: each change as a `container` event (ContainerChange JSON),
 * a comment every 15 s so proxies keep the connection open, and the listener dropped when the
 * browser goes.
 */
export async function containerEventStream(feed: ContainerChangeFeed, signal: AbortSignal, heartbeatMs = HEARTBEAT_MS): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let unsubscribe: (() => void) | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let closed = false;
  const stop = () => {
    closed = true;
    unsubscribe?.();
    unsubscribe = null;
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop(); // the browser went away
        }
      };
      const close = () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      if (signal.aborted) return close();
      signal.addEventListener('abort', close, { once: true });
      const remove = await feed.subscribe((change) => send(`event: container\ndata: ${JSON.stringify(change)}\n\n`));
      if (closed) remove();
      else unsubscribe = remove;
      heartbeat = setInterval(() => send(': keep-alive\n\n'), heartbeatMs);
      send('retry: 3000\nevent: ready\ndata: {}\n\n');
    },
    cancel: stop,
  });
}
