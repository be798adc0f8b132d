// The live feed as server-sent events: one message per etcd revision, the revision as the event
// id. A client that reconnects sends Last-Event-ID and resumes from the next revision, so it
// misses nothing and sees nothing twice.
import { sseStream } from '@/lib/http/sse-stream';
import { keys } from '@/lib/ipam/keys';
import type { Store, WatchChange } from '@/lib/ipam/store';
import { type AllocationContext } from './allocations';
import { isVisibleChange, needsContext, toIpamChanges } from './changes';
import type { IpamRevisionEvent } from './types';

const HEARTBEAT_MS = 15_000;

/** Last-Event-ID (a reconnect) wins over ?since= (the revision of the page's first read). */
export function resumeRevision(lastEventId: string | null, since: string | null): string | undefined {
  const given = lastEventId?.trim() || since?.trim() || '';
  return /^\d{1,19}$/.test(given) ? given : undefined;
}

export interface IpamFeedOptions {
  readonly store: Store;
  /** Deliver revisions after this one; undefined: from now on. */
  readonly after: string | undefined;
  readonly context: () => Promise<AllocationContext>;
  readonly signal?: AbortSignal;
}

/**
 * A ReadableStream of SSE bytes. First a `ready` event naming the revision the feed starts
 * after, then one `ipam` event per revision that changes what the console shows.
 */
export function ipamEventStream(options: IpamFeedOptions): ReadableStream<Uint8Array> {
  let closeWatch: (() => Promise<void>) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  // Revisions are handled strictly in order, even though building an event is asynchronous.
  let queue: Promise<void> = Promise.resolve();

  return sseStream(
    {
      stop: () => {
        clearInterval(heartbeat);
        void closeWatch?.().catch(() => undefined);
      },
      async start(sink) {
        const fail = (message: string) => {
          sink.event('reset', { message });
          sink.close();
        };
        const startAfter = options.after ?? (await options.store.currentRevision());
        const fromRevision = (BigInt(startAfter) + 1n).toString();
        sink.retry(1000);
        const onChanges = (revision: string, changes: readonly WatchChange[]) => {
          const visible = changes.filter(isVisibleChange);
          if (visible.length === 0) return;
          queue = queue
            .then(async () => {
              const context = needsContext(visible) ? await options.context() : { live: new Set<string>(), engineHost: undefined, names: new Map(), now: Date.now() };
              const event: IpamRevisionEvent = { revision, changes: toIpamChanges(visible, context) };
              sink.event('ipam', event, revision);
            })
            .catch((error: unknown) => fail(`the live feed stopped: ${error instanceof Error ? error.message : String(error)}; reload the page`));
        };
        const watch = await options.store.watch(keys.subnets, fromRevision, onChanges, (error) =>
          fail(`the etcd watch ended (${error.message}): reload the page to read the pools again`),
        );
        // Closed while the watch was being made: the stop above ran before it existed.
        if (sink.closed) return void watch.close().catch(() => undefined);
        // Ready once etcd is watching: a change the reader makes right after hearing it is delivered.
        sink.event('ready', { after: startAfter });
        closeWatch = watch.close;
        heartbeat = setInterval(() => sink.comment('keep-alive'), HEARTBEAT_MS);
      },
    },
    options.signal,
  );
}
