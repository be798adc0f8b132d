// Flannel's leases live: an etcd watch on the Flannel prefix, and the whole view read again after
// each change, pushed as server-sent events. Flannel writes rarely (a host joins, a lease expires or
// is released; renewing a lease writes nothing), so a fresh read per change costs little and the
// browser always gets the same shape as the page's first read.
import type { Etcd3, Watcher } from 'etcd3';
import { withTimeout } from '@/lib/async/with-timeout';
import { sseStream } from '@/lib/http/sse-stream';
import { readFlannel } from './read-flannel';
import type { FlannelView } from './types';

const HEARTBEAT_MS = 15_000;
/** Changes closer together than this (a host writing its lease and config) make one read. */
const SETTLE_MS = 100;
const WATCH_START_MS = 5_000;

/** The `flannel-error` event: the feed keeps watching and reads again when etcd answers. */
export interface FlannelFeedError {
  message: string;
}

export interface FlannelFeedOptions {
  readonly etcd: Etcd3;
  readonly prefix: string;
  readonly signal?: AbortSignal;
}

/**
 * A ReadableStream of SSE bytes: a `flannel` event (FlannelView) once the watch is in place, then
 * one after every change under the prefix, including a key dropped when its etcd lease expired.
 * The watch is cancelled when the stream is cancelled or `signal` aborts.
 */
export function flannelEventStream(options: FlannelFeedOptions): ReadableStream<Uint8Array> {
  let watcher: Watcher | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let settle: NodeJS.Timeout | undefined;
  // Reads are strictly one after another, so an older view never overwrites a newer one.
  let queue: Promise<void> = Promise.resolve();

  return sseStream(
    {
      stop: () => {
        clearInterval(heartbeat);
        clearTimeout(settle);
        void watcher?.cancel().catch(() => undefined);
      },
      async start(sink) {
        const event = (name: string, data: FlannelView | FlannelFeedError) => sink.event(name, data);
        const readAndSend = () => {
          queue = queue
            .then(() => readFlannel(options.etcd, options.prefix))
            .then(
              (view) => event('flannel', view),
              (error: unknown) => event('flannel-error', { message: error instanceof Error ? error.message : String(error) }),
            );
        };
        const changed = () => {
          clearTimeout(settle);
          settle = setTimeout(readAndSend, SETTLE_MS);
        };
        try {
          const created = await withTimeout(options.etcd.watch().prefix(options.prefix).create(), WATCH_START_MS, `watching Flannel's keys under ${options.prefix} took more than ${WATCH_START_MS / 1000} s`);
          if (sink.closed) {
            void created.cancel().catch(() => undefined);
            return;
          }
          watcher = created;
        } catch (error) {
          event('flannel-error', { message: `etcd did not start the watch (${error instanceof Error ? error.message : String(error)}): reload the page once etcd answers` });
          return sink.close();
        }
        watcher.on('data', changed);
        // etcd3 reconnects by itself; what changed while it was away is read again.
        watcher.on('connected', changed);
        watcher.on('disconnected', () => event('flannel-error', { message: `lost the etcd watch on ${options.prefix}: reconnecting` }));
        watcher.on('error', (error: Error) => event('flannel-error', { message: `the etcd watch on ${options.prefix} failed: ${error.message}` }));
        // The first view is read after the watch is in place, so no change falls between the two.
        readAndSend();
        heartbeat = setInterval(() => sink.comment('keep-alive'), HEARTBEAT_MS);
      },
    },
    options.signal,
  );
}
