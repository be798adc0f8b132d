import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '@/prisma-free-db';
import { AuditJournal } from './audit-journal';

const folders: string[] = [];
function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'shipyard-journal-test-'));
  folders.push(made);
  return made;
}
afterEach(() => {
  for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
});

/** A database stand-in keyed by id, as recordEventsOnce stores (a replayed id replaces itself). */
function fakeDatabase() {
  const rows = new Map<string, AuditEvent>();
  const state = { refuse: false, batches: 0 };
  const writer = (events: AuditEvent[]) => {
    if (state.refuse) return Promise.reject(new Error('database down'));
    state.batches += 1;
    for (const event of events) rows.set(event.id, event);
    return Promise.resolve();
  };
  return { rows, state, writer };
}

const call = (path: string) => ({ actor: 'ann', action: 'gateway.call', target: null, outcome: 'success' as const, address: '127.0.0.1', details: { method: 'GET', path, status: 200 } });

describe('AuditJournal', () => {
  it('writes appended events to the database in one batch, off the caller, and leaves no file behind once closed', async () => {
    const dir = folder();
    const database = fakeDatabase();
    const journal = AuditJournal.open(dir, database.writer, { flushDelayMs: 5 });
    const first = journal.append(call('/a'));
    journal.append(call('/b'));
    expect(database.rows.size).toBe(0); // not written on the caller's path
    await journal.flush();
    expect(database.rows.get(first.id)?.details.path).toBe('/a');
    expect(database.rows.size).toBe(2);
    expect(database.state.batches).toBe(1);
    expect(readdirSync(dir)).toHaveLength(1); // the segment stays open for the next calls
    await journal.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('starts a new segment when one is full and deletes the full one once the database has its events', async () => {
    const dir = folder();
    const database = fakeDatabase();
    const journal = AuditJournal.open(dir, database.writer, { flushDelayMs: 60_000, maxSegmentBytes: 1 });
    journal.append(call('/a'));
    journal.append(call('/b'));
    expect(readdirSync(dir)).toHaveLength(2);
    await journal.flush();
    expect(readdirSync(dir)).toEqual([]);
    await journal.close();
  });

  it('loses no record when the process dies between the journal and the database: the next start writes them once', async () => {
    const dir = folder();
    const database = fakeDatabase();
    database.state.refuse = true;
    const crashed = AuditJournal.open(dir, database.writer, { flushDelayMs: 60_000 });
    const events = [crashed.append(call('/one')), crashed.append(call('/two')), crashed.append(call('/three'))];
    await expect(crashed.flush()).rejects.toThrow('database down'); // the database write never happened
    crashed.abandon(); // the crash: nothing more is written
    expect(database.rows.size).toBe(0);

    database.state.refuse = false;
    const restarted = AuditJournal.open(dir, database.writer, { flushDelayMs: 5 });
    await restarted.flush();
    expect([...database.rows.keys()].sort()).toEqual(events.map((event) => event.id).sort());
    expect(readdirSync(dir)).toEqual([]);
    await restarted.close();
  });

  it('keeps a record the database refused and writes it on a later try, in order with what came after', async () => {
    const dir = folder();
    const database = fakeDatabase();
    database.state.refuse = true;
    const journal = AuditJournal.open(dir, database.writer, { flushDelayMs: 5, retryMs: 10 });
    const early = journal.append(call('/early'));
    await expect(journal.flush()).rejects.toThrow();
    const late = journal.append(call('/late'));
    expect(journal.waiting).toBe(2);
    database.state.refuse = false;
    await journal.flush();
    expect([...database.rows.keys()]).toEqual([early.id, late.id]);
    await journal.close();
  });

  it('replays a segment whose events partly reached the database without doubling any, and skips a line cut short', async () => {
    const dir = folder();
    const database = fakeDatabase();
    const crashed = AuditJournal.open(dir, database.writer, { flushDelayMs: 60_000 });
    const written = crashed.append(call('/written'));
    const unwritten = crashed.append(call('/unwritten'));
    await database.writer([written]); // in the database just before the crash
    crashed.abandon();
    // The crash cut the last line short.
    const [segment] = readdirSync(dir);
    writeFileSync(join(dir, segment ?? ''), '{"id":"cut', { flag: 'a' });
    const restarted = AuditJournal.open(dir, database.writer, { flushDelayMs: 5 });
    await restarted.flush();
    expect(database.rows.size).toBe(2);
    expect(database.rows.has(unwritten.id)).toBe(true);
    await restarted.close();
  });

  it('sets apart an event the audit log cannot hold, so the others are written and nothing is retried forever', async () => {
    const dir = folder();
    const database = fakeDatabase();
    const journal = AuditJournal.open(dir, database.writer, { flushDelayMs: 60_000 });
    const good = journal.append(call('/good'));
    journal.append({ ...call('/bad'), action: 'Not An Action' });
    await journal.flush();
    expect([...database.rows.keys()]).toEqual([good.id]);
    expect(journal.waiting).toBe(0);
    await journal.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("never replays a segment a live journal of this process holds", async () => {
    const dir = folder();
    const database = fakeDatabase();
    const live = AuditJournal.open(dir, database.writer, { flushDelayMs: 60_000 });
    live.append(call('/mine'));
    const other = AuditJournal.open(dir, database.writer, { flushDelayMs: 5 });
    await other.flush();
    expect(database.rows.size).toBe(0);
    expect(live.waiting).toBe(1);
    await live.close();
    expect(database.rows.size).toBe(1);
    await other.close();
  });
});
