import 'server-only';
import { eventMatches, type AuditEvent, type EventFilter } from '@/prisma-free-db';
import { sseResponse } from '@/lib/http/sse-response';
import { sseStream } from '@/lib/http/sse-stream';
import { getDatabase } from '@/lib/server/services';
import { EventHub } from './event-hub';

const holder = globalThis as typeof globalThis & { shipyardEventHub?: EventHub };
const hub = (holder.shipyardEventHub ??= new EventHub(getDatabase));

const HEARTBEAT_MS = 15_000;

/**
 * A server-sent events response: each new audit event matching the filter as an `audit` event
 * with the event's JSON, a comment line every 15 s so proxies keep the connection open.
 */
export function auditEventStream(filter: Omit<EventFilter, 'limit'>, signal: AbortSignal): Response {
  let unsubscribe: (() => void) | null = null;
  let heartbeat: NodeJS.Timeout | undefined;
  const stream = sseStream(
    {
      stop: () => {
        unsubscribe?.();
        unsubscribe = null;
        clearInterval(heartbeat);
      },
      async start(sink) {
        const remove = await hub.subscribe((event: AuditEvent | null) => {
          if (event === null) sink.close(); // the changefeed ended: the browser reconnects
          else if (eventMatches(event, filter)) sink.event('audit', event);
        });
        if (sink.closed) return remove();
        unsubscribe = remove;
        heartbeat = setInterval(() => sink.comment('keep-alive'), HEARTBEAT_MS);
        sink.retry(3000);
        sink.comment('connected');
      },
    },
    signal,
  );
  return sseResponse(stream);
}
