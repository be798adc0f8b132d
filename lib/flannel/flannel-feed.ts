// Flannel's leases live: an etcd watch on the Flannel prefix, and the whole view read again after
// each change, pushed as server-sent events. Flannel writes rarely (a host joins, a lease expires or
// is released; renewing a lease writes nothing), so a fresh read per change costs little and the
// browser always gets the same shape as the page's first read.
import type { EtcdStore } from '@/lib/etcd/store';
import { sseStream } from '@/lib/http/sse-stream';
import { readFlannel } from './read-flannel';
import type { FlannelView } from './types';

const HEARTBEAT_MS = 15_000;
/** Changes closer together than this (a host writing its lease and config) make one read. */
const SETTLE_MS = 100;

/** The `flannel-error` event: the feed keeps watching and reads again when etcd answers. */
export interface FlannelFeedError {
  message: string;
}

export interface FlannelFeedOptions {
  /** Any store on the console's etcd: the feed watches `prefix` on its connection. */
  readonly etcd: EtcdStore;
  readonly prefix: string;
  readonly signal?: AbortSignal;
}

/**
 * A ReadableStream of SSE bytes: a `flannel` event (FlannelView) once the watch is in place, then
 * one after every change under the prefix, including a key dropped when its etcd lease expired.
 * The watch is cancelled when the stream is cancelled or `signal` aborts.
 */
export function flannelEventStream(options: FlannelFeedOptions): ReadableStream<Uint8Array> {
  let watch: { close(): Promise<void> } | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let settle: NodeJS.Timeout | undefined;
  // Reads are strictly one after another, so an older view never overwrites a newer one.
  let queue: Promise<void> = Promise.resolve();

  return sseStream(
    {
      stop: () => {
        clearInterval(heartbeat);
        clearTimeout(settle);
        void watch?.close().catch(() => undefined);
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
        const lostWatch = (error: Error) => event('flannel-error', { message: `the etcd watch on ${options.prefix} failed: ${error.message}` });
        try {
          // Bounded by the store: a dead etcd is an error event within seconds, not a hang.
          const created = await options.etcd.within(options.prefix).watch('', undefined, changed, lostWatch, {
            // etcd3 reconnects by itself; what changed while it was away is read again.
            onReconnected: changed,
            onDisconnected: () => event('flannel-error', { message: `lost the etcd watch on ${options.prefix}: reconnecting` }),
          });
          if (sink.closed) {
            void created.close().catch(() => undefined);
            return;
          }
          watch = created;
        } catch (error) {
          event('flannel-error', { message: `etcd did not start the watch (${error instanceof Error ? error.message : String(error)}): reload the page once etcd answers` });
          return sink.close();
        }
        // The first view is read after the watch is in place, so no change falls between the two.
        readAndSend();
        heartbeat = setInterval(() => sink.comment('keep-alive'), HEARTBEAT_MS);
      },
    },
    options.signal,
  );
}
