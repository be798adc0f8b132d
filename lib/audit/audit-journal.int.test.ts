// The audit journal against the stack's database: a process killed between the journal and the
// database loses no record, and a replay never doubles one.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEventsOnce, searchEvents, type DatabaseHandle } from '@/prisma-free-db';
import { openTestDatabase } from '@/prisma-free-db/testing/test-database';
import { AuditJournal } from './audit-journal';

let database: DatabaseHandle;
let dispose: () => Promise<void>;
const folders: string[] = [];
const folder = () => {
  const made = mkdtempSync(join(tmpdir(), 'shipyard-journal-int-'));
  folders.push(made);
  return made;
};
const writer = (events: Parameters<typeof recordEventsOnce>[1]) => recordEventsOnce(database, events);
const call = (path: string) => ({ actor: 'ann', action: 'gateway.call', target: null, outcome: 'success' as const, address: '127.0.0.1', details: { method: 'GET', path, status: 200 } });

beforeAll(async () => {
  const opened = await openTestDatabase('journal');
  database = opened.db;
  dispose = opened.dispose;
});

afterAll(async () => {
  for (const made of folders) rmSync(made, { recursive: true, force: true });
  await dispose?.();
});

/** Journals `paths` in a child process, which is then killed with SIGKILL: the ids it journaled. */
function journalThenDie(dir: string, paths: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'testing', 'journal-then-die.ts'), dir, ...paths], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('\n')) return;
      child.kill('SIGKILL');
      child.once('exit', () => resolve(JSON.parse(output) as string[]));
    });
    child.once('error', reject);
  });
}

describe('the audit journal with the database', () => {
  it('writes every record a killed process journaled, once, when the next process opens the folder', async () => {
    const dir = folder();
    const ids = await journalThenDie(dir, ['/crash/one', '/crash/two', '/crash/three']);
    expect(ids).toHaveLength(3);
    expect((await searchEvents(database, { actor: 'crash' })).length).toBe(0); // nothing reached the database

    const next = AuditJournal.open(dir, writer, { flushDelayMs: 5 });
    await next.flush();
    const stored = await searchEvents(database, { actor: 'crash', limit: 100 });
    expect(stored.map((event) => event.id).sort()).toEqual([...ids].sort());
    expect(stored.map((event) => event.details.path).sort()).toEqual(['/crash/one', '/crash/three', '/crash/two']);
    expect(readdirSync(dir)).toEqual([]);
    await next.close();
  }, 60_000);

  it('replays a segment whose first records reached the database just before the crash without doubling them', async () => {
    const dir = folder();
    const crashed = AuditJournal.open(dir, writer, { flushDelayMs: 3_600_000 });
    const first = crashed.append({ ...call('/half/first'), actor: 'half' });
    const second = crashed.append({ ...call('/half/second'), actor: 'half' });
    await recordEventsOnce(database, [first]); // the database had this one when the process died
    crashed.abandon();
    const next = AuditJournal.open(dir, writer, { flushDelayMs: 5 });
    await next.flush();
    const stored = await searchEvents(database, { actor: 'half', limit: 100 });
    expect(stored.map((event) => event.id).sort()).toEqual([first.id, second.id].sort());
    await next.close();
  });
});
