// The cluster view live, as server-sent events: the whole view again after any container event
// of any engine (create, start, die, destroy…) or any change of a core claim in etcd, a change
// burst making one read; and every 10 s for what sends no event (a host going down, its memory).
import type { ContainerContext } from '@/lib/engines/context';
import { engineHandlesOf } from '@/lib/engines/context-engines';
import { sseStream } from '@/lib/http/sse-stream';
import { claimKeys } from './claim-keys';
import { readClusterView, type ClusterView } from './cluster-view';

const SETTLE_MS = 300;
const REFRESH_MS = 10_000;

/** The `cluster-error` event: the feed goes on and reads again at the next change. */
export interface ClusterFeedError {
  readonly message: string;
}

const STREAM_EVENTS = new Set(['create', 'start', 'die', 'destroy', 'pause', 'unpause', 'update', 'rename', 'restart']);

export function clusterEventStream(context: ContainerContext, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const unsubscribe: (() => void)[] = [];
  let watch: { close(): Promise<void> } | undefined;
  let settle: NodeJS.Timeout | undefined;
  let refresh: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();

  return sseStream(
    {
      stop: () => {
        clearTimeout(settle);
        clearInterval(refresh);
        for (const stop of unsubscribe) stop();
        void watch?.close().catch(() => undefined);
      },
      async start(sink) {
        const readAndSend = () => {
          queue = queue
            .then(() => readClusterView(context))
            .then(
              (view: ClusterView) => sink.event('cluster', view),
              (error: unknown) => sink.event('cluster-error', { message: error instanceof Error ? error.message : String(error) } satisfies ClusterFeedError),
            );
        };
        const changed = () => {
          clearTimeout(settle);
          settle = setTimeout(readAndSend, SETTLE_MS);
        };
        sink.retry(2000);
        const { handles } = await engineHandlesOf(context);
        for (const handle of handles) {
          const onEvent = (event: { action: string }) => {
            if (STREAM_EVENTS.has(event.action)) changed();
          };
          unsubscribe.push(handle.events.subscribe({ onEvent, onConnected: changed }));
          void handle.events.watch();
        }
        const store = context.placement?.store;
        if (store) {
          const opened = await store
            .watch(claimKeys.cores, undefined, changed, (error) => sink.event('cluster-error', { message: `the etcd watch on the core claims ended: ${error.message}` }))
            .catch(() => undefined); // etcd away: the periodic read still runs, and says so
          if (sink.closed) return void opened?.close().catch(() => undefined);
          watch = opened;
        }
        readAndSend();
        refresh = setInterval(readAndSend, REFRESH_MS);
      },
    },
    signal,
  );
}
