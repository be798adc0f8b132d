import { sseStream } from '@/lib/http/sse-stream';
import type { ContainerChangeFeed } from './container-changes';

const HEARTBEAT_MS = 15_000;

export interface ContainerEventStreamOptions {
  /** When the browser's list was read (this process's clock): `ready` says whether to read it again. */
  since?: number;
  heartbeatMs?: number;
}

/**
 * Server-sent events for one browser: `ready` ({resync}: read the list again, because something
 * may have changed between the list the browser has and the start of this stream — always after a
 * reconnect or without `since`), then each change as a `container` event (ContainerChange JSON),
 * a comment every 15 s so proxies keep the connection open, and the listener dropped when the
 * browser goes.
 */
export function containerEventStream(feed: ContainerChangeFeed, signal: AbortSignal, options: ContainerEventStreamOptions = {}): ReadableStream<Uint8Array> {
  let unsubscribe: (() => void) | null = null;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  return sseStream(
    {
      stop: () => {
        unsubscribe?.();
        unsubscribe = null;
        clearInterval(heartbeat);
      },
      async start(sink) {
        const remove = await feed.subscribe((change) => sink.event('container', change));
        if (sink.closed) return remove();
        unsubscribe = remove;
        heartbeat = setInterval(() => sink.comment('keep-alive'), options.heartbeatMs ?? HEARTBEAT_MS);
        sink.retry(3000);
        sink.event('ready', { resync: options.since === undefined || !feed.isUnchangedSince(options.since) });
      },
    },
    signal,
  );
}
