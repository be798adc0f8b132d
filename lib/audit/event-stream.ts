import 'server-only';
import { eventMatches, type AuditEvent, type EventFilter } from '@/prisma-free-db';
import { getDatabase } from '@/lib/server/services';
import { EventHub } from './event-hub';

const holder = globalThis as typeof globalThis & { shipyardEventHub?: EventHub };
const hub = (holder.shipyardEventHub ??= new EventHub(getDatabase));

const HEARTBEAT_MS = 15_000;

/**
 * A server-sent events response: each new audit event matching the filter as an `audit` event
 * with the event's JSON, a comment line every 15 s so proxies keep the connection open.
 */
export async function auditEventStream(filter: Omit<EventFilter, 'limit'>, signal: AbortSignal): Promise<Response> {
  const encoder = new TextEncoder();
  let unsubscribe: (() => void) | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  const stop = () => {
    unsubscribe?.();
    unsubscribe = null;
    if (heartbeat) clearInterval(heartbeat);
  };

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop(); // the client went away
        }
      };
      unsubscribe = await hub.subscribe((event: AuditEvent | null) => {
        if (event === null) {
          stop();
          controller.close();
          return;
        }
        if (eventMatches(event, filter)) send(`event: audit\ndata: ${JSON.stringify(event)}\n\n`);
      });
      heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
      send('retry: 3000\n: connected\n\n');
      signal.addEventListener('abort', () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel: stop,
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
  });
}
