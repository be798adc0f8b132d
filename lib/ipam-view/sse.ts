// The live feed as server-sent events: one message per etcd revision, the revision as the event
// id. A client that reconnects sends Last-Event-ID and resumes from the next revision, so it
// misses nothing and sees nothing twice.
import { keys } from '@/lib/ipam/keys';
import type { Store, WatchChange } from '@/lib/ipam/store';
import { type AllocationContext } from './allocations';
import { isVisibleChange, needsContext, toIpamChanges } from './changes';
import type { IpamRevisionEvent } from './types';

const HEARTBEAT_MS = 15_000;

export function formatSseMessage(message: { id?: string; event?: string; data: unknown; retry?: number }): string {
  const lines: string[] = [];
  if (message.retry !== undefined) lines.push(`retry: ${message.retry}`);
  if (message.id !== undefined) lines.push(`id: ${message.id}`);
  if (message.event !== undefined) lines.push(`event: ${message.event}`);
  // JSON.stringify never emits a raw newline, so data is always one line.
  lines.push(`data: ${JSON.stringify(message.data)}`);
  return `${lines.join('\n')}\n\n`;
}

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
  const encoder = new TextEncoder();
  let closeWatch: (() => Promise<void>) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let closed = false;
  // Revisions are handled strictly in order, even though building an event is asynchronous.
  let queue: Promise<void> = Promise.resolve();

  const stop = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    void closeWatch?.().catch(() => undefined);
  };

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const fail = (message: string) => {
        send(formatSseMessage({ event: 'reset', data: { message } }));
        stop();
        controller.close();
      };
      options.signal?.addEventListener('abort', () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      const startAfter = options.after ?? (await options.store.currentRevision());
      const fromRevision = (BigInt(startAfter) + 1n).toString();
      send(formatSseMessage({ retry: 1000, event: 'ready', data: { after: startAfter } }));
      const onChanges = (revision: string, changes: readonly WatchChange[]) => {
        const visible = changes.filter(isVisibleChange);
        if (visible.length === 0) return;
        queue = queue.then(async () => {
          const context = needsContext(visible) ? await options.context() : { live: new Set<string>(), engineHost: undefined, names: new Map(), now: Date.now() };
          const event: IpamRevisionEvent = { revision, changes: toIpamChanges(visible, context) };
          send(formatSseMessage({ id: revision, event: 'ipam', data: event }));
        }).catch((error: unknown) => fail(`the live feed stopped: ${error instanceof Error ? error.message : String(error)}; reload the page`));
      };
      const watch = await options.store.watch(keys.subnets, fromRevision, onChanges, (error) =>
        fail(`the etcd watch ended (${error.message}): reload the page to read the pools again`),
      );
      closeWatch = watch.close;
      if (closed) void watch.close().catch(() => undefined);
      heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
    },
    cancel() {
      stop();
    },
  });
}
