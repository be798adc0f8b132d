import 'server-only';
import { watchEvents, type AuditEvent, type DatabaseHandle, type EventFeed } from '@/prisma-free-db';

/** Receives each new audit event, or `null` once when the feed broke (the listener should end). */
export type EventListener = (event: AuditEvent | null) => void;

/**
 * One RethinkDB changefeed on the events table per process, shared by every live events page:
 * a feed per browser tab would hold one pooled connection each. Opened with the first
 * listener, closed with the last; a broken feed ends every listener (browsers reconnect).
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private feed: Promise<EventFeed> | null = null;

  constructor(private readonly database: () => Promise<DatabaseHandle>) {}

  async subscribe(listener: EventListener): Promise<() => void> {
    this.listeners.add(listener);
    try {
      await this.open();
    } catch (error) {
      this.listeners.delete(listener);
      throw error;
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  private open(): Promise<EventFeed> {
    this.feed ??= this.database()
      .then((database) =>
        watchEvents(
          database,
          (event) => this.listeners.forEach((listener) => listener(event)),
          (error) => {
            console.error('events feed broke:', error.message);
            this.feed = null;
            const ended = [...this.listeners];
            this.listeners.clear();
            ended.forEach((listener) => listener(null));
          },
        ),
      )
      .catch((error: unknown) => {
        this.feed = null;
        throw error;
      });
    return this.feed;
  }

  private close(): void {
    const feed = this.feed;
    this.feed = null;
    void feed?.then((open) => open.close()).catch(() => undefined);
  }
}
