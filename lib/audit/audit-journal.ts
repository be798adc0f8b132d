import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { eventSchema, type AuditEvent, type EventInput } from '@/prisma-free-db/schemas/event';

/** Writes a batch of events to the database, each once: a replayed event (same id) must not become two. */
export type JournalWriter = (events: AuditEvent[]) => Promise<void>;

export interface AuditJournalOptions {
  /** How long an event may wait for others to share its database write (default 25 ms). */
  flushDelayMs?: number;
  /** Written at once when this many wait (default 200). */
  maxBatch?: number;
  /** A segment file is closed at this size, and deleted once the database has all its events (default 1 MiB). */
  maxSegmentBytes?: number;
  /** The wait before trying again after the database refused (default 1 s). */
  retryMs?: number;
}

// Segment files: audit-<pid>-<instance>-<sequence>.jsonl (a replay claims one as audit-<pid>-<instance>-r<n>.jsonl).
const SEGMENT = /^audit-(\d+)-([0-9a-f]+)-(r?\d+)\.jsonl$/;

// The journals open in this process, by instance: their files are not a crashed process's.
const holder = globalThis as typeof globalThis & { shipyardOpenJournals?: Set<string> };
const openInstances = (holder.shipyardOpenJournals ??= new Set());

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The files this process holds open (any thread's journal: a journal keeps each segment open until
 * the database has its events), from /proc; empty where there is no /proc.
 */
function filesOpenHere(): Set<string> {
  const open = new Set<string>();
  try {
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        open.add(readlinkSync(`/proc/self/fd/${fd}`));
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    // no /proc: the journals of this module (openInstances) are still known
  }
  return open;
}

/** The events of a segment file; a line cut short by the crash (the last one) is skipped. */
function readSegment(file: string): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const raw = JSON.parse(line) as Record<string, unknown>;
      events.push(eventSchema.parse({ ...raw, time: new Date(String(raw.time)) }));
    } catch {
      console.error('audit journal: skipped an unreadable line of', file);
    }
  }
  return events;
}

function removeSegment(segment: { file: string; fd: number | null }): void {
  try {
    unlinkSync(segment.file);
  } catch {
    // already gone
  }
  closeSegment(segment);
}

function closeSegment(segment: { fd: number | null }): void {
  if (segment.fd === null) return;
  try {
    closeSync(segment.fd);
  } catch {
    // closed already
  }
  segment.fd = null;
}

/**
 * An append-only local journal in front of the audit table, so that recording a call costs a
 * write to a local file, not a database round trip, and no record is lost when the process dies:
 * - `append` writes the event (with its id and time) to the current segment file before it
 *   returns (to the kernel: a process crash keeps it; it is not fsync'd, so a power cut may lose
 *   the last moments, as any buffered log would);
 * - a flush writes the waiting events to the database in one batch (a refused write is kept
 *   and retried); a segment is closed at 1 MiB and deleted once the database has all its events,
 *   so a file is opened and deleted once per few thousand calls, not per call (each costs a
 *   journaled metadata write of the file system);
 * - `open` first replays the segments a dead process left in the folder (claimed by rename, so
 *   two starting processes never both replay one), and its own process's earlier segments
 *   (a restarted container's pid is the same);
 * - the writer stores each event under its id, replacing one with the same id: an event whose
 *   database write succeeded just before the crash, replayed, stays one event.
 */
export class AuditJournal {
  private readonly instance = randomBytes(4).toString('hex');
  private sequence = 0;
  private segment: { file: string; fd: number | null; bytes: number } | null = null;
  private pending: AuditEvent[] = [];
  /** Events journaled so far, and how many of them the database has (written in order: a refused batch goes back in front). */
  private appended = 0;
  private written = 0;
  /** Segments no longer appended to, kept open until the database has every event up to `upTo`, then deleted. */
  private closedSegments: { file: string; fd: number | null; upTo: number }[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly folder: string,
    private readonly writer: JournalWriter,
    private readonly options: Required<AuditJournalOptions>,
  ) {}

  /** Opens a journal in `folder` (made if missing) and replays what dead processes left there. */
  static open(folder: string, writer: JournalWriter, options: AuditJournalOptions = {}): AuditJournal {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const journal = new AuditJournal(folder, writer, {
      flushDelayMs: options.flushDelayMs ?? 25,
      maxBatch: options.maxBatch ?? 200,
      retryMs: options.retryMs ?? 1_000,
      maxSegmentBytes: options.maxSegmentBytes ?? 1024 * 1024,
    });
    openInstances.add(journal.instance);
    journal.claimLeftovers();
    // Written in the background (and retried): a database that is down must not stop the start.
    if (journal.pending.length > 0) journal.schedule(0);
    return journal;
  }

  /** How many events wait for the database. */
  get waiting(): number {
    return this.pending.length;
  }

  private claimLeftovers(): void {
    const openHere = filesOpenHere();
    for (const name of readdirSync(this.folder).sort()) {
      const match = SEGMENT.exec(name);
      if (!match) continue;
      const pid = Number(match[1]);
      const file = join(this.folder, name);
      // A live process's segment, or one a journal of this process holds, is theirs.
      if (openInstances.has(match[2] ?? '') || openHere.has(file) || (pid !== process.pid && processAlive(pid))) continue;
      const claimed = join(this.folder, `audit-${process.pid}-${this.instance}-r${this.sequence++}.jsonl`);
      try {
        renameSync(file, claimed);
      } catch {
        continue; // another process claimed it first
      }
      const events = readSegment(claimed);
      this.pending.push(...events);
      this.appended += events.length;
      this.closedSegments.push({ file: claimed, fd: openSync(claimed, 'r'), upTo: this.appended });
    }
  }

  private currentFd(): number {
    if (this.segment?.fd == null) {
      const file = join(this.folder, `audit-${process.pid}-${this.instance}-${this.sequence++}.jsonl`);
      const fd = openSync(file, 'a', 0o600);
      this.segment = { file, fd, bytes: 0 };
      return fd;
    }
    return this.segment.fd;
  }

  /** Journals one event (its id and time made here) and schedules its database write; returns it as stored. */
  append(input: EventInput): AuditEvent {
    // Checked when written (recordEventsOnce): not on the caller's path. One the database refuses
    // is set apart there, so it never holds up the others' batch.
    const event: AuditEvent = { ...input, target: input.target ?? null, address: input.address ?? null, details: input.details ?? {}, id: randomUUID(), time: input.time ?? new Date() };
    if (this.closed) throw new Error('the audit journal is closed');
    const line = `${JSON.stringify(event)}\n`;
    writeSync(this.currentFd(), line);
    this.pending.push(event);
    this.appended += 1;
    if (this.segment) this.segment.bytes += Buffer.byteLength(line);
    // Full: appends go to a new segment; this one goes once the database has its events.
    if (this.segment && this.segment.bytes >= this.options.maxSegmentBytes) {
      this.closedSegments.push({ file: this.segment.file, fd: this.segment.fd, upTo: this.appended });
      this.segment = null;
    }
    if (this.pending.length >= this.options.maxBatch) void this.flush().catch(() => undefined);
    else this.schedule(this.options.flushDelayMs);
    return event;
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch(() => undefined);
    }, delayMs);
    this.timer.unref?.();
  }

  /** Writes every waiting event to the database now; rejects (and keeps them, retried later) when it refuses. */
  flush(): Promise<void> {
    this.flushing ??= this.writeWaiting().finally(() => {
      this.flushing = null;
      if (this.pending.length > 0) this.schedule(this.options.flushDelayMs);
    });
    return this.flushing;
  }

  private async writeWaiting(): Promise<void> {
    const events = this.pending;
    if (events.length === 0) return;
    this.pending = [];
    try {
      await this.writeChecked(events);
    } catch (error) {
      // Back in front of what came meanwhile: nothing is lost, the order is kept.
      this.pending = [...events, ...this.pending];
      console.error('audit journal: the database refused', events.length, 'events; kept and retried:', error instanceof Error ? error.message : error);
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.schedule(this.options.retryMs);
      throw error;
    }
    this.written += events.length;
    this.dropWrittenSegments();
  }

  /**
   * The batch through the writer; events the schema refuses (which no retry would fix) are logged
   * and set apart, so the rest is written and nothing waits on them forever.
   */
  private async writeChecked(events: AuditEvent[]): Promise<void> {
    const valid = events.filter((event) => {
      const checked = eventSchema.safeParse(event);
      if (!checked.success) console.error('audit journal: dropped an event the audit log cannot hold:', event.action, checked.error.issues[0]?.message ?? '');
      return checked.success;
    });
    if (valid.length > 0) await this.writer(valid);
  }

  /** Deletes the closed segments whose every event the database has (and the current one when it has all). */
  private dropWrittenSegments(): void {
    const done = this.closedSegments.filter((segment) => segment.upTo <= this.written);
    this.closedSegments = this.closedSegments.filter((segment) => segment.upTo > this.written);
    for (const segment of done) removeSegment(segment);
  }

  /** Writes what waits, then closes; what the database refused stays in the folder for the next start. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushing?.catch(() => undefined);
    await this.flush().catch(() => undefined);
    if (this.segment && this.written === this.appended) {
      removeSegment(this.segment);
      this.segment = null;
    }
    this.abandon();
  }

  /** Stops without writing anything more, as a crash would (tests). */
  abandon(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const segment of [...this.closedSegments, ...(this.segment ? [this.segment] : [])]) closeSegment(segment);
    this.segment = null;
    openInstances.delete(this.instance);
  }
}
