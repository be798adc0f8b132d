import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connection';
import { useTestDatabase } from '../testing/use-test-database';
import type { AuditEvent } from '../schemas/event';
import { deleteEventsBefore, eventMatches, recordEvent, searchEvents, watchEvents } from './events';
import { getAuditRetention, setAuditRetention } from './settings';

let db: DatabaseHandle;
useTestDatabase('events_search', async (opened) => {
  db = opened;
  const rows: [string, string, string, 'success' | 'failure'][] = [
    ['2030-01-01T00:00:00Z', 'alice', 'auth.login', 'success'],
    ['2030-01-02T00:00:00Z', 'bob', 'auth.login', 'failure'],
    ['2030-01-03T00:00:00Z', 'alice', 'account.create', 'success'],
    ['2030-01-04T00:00:00Z', 'alice', 'account.password.reset', 'failure'],
    ['2030-01-05T00:00:00Z', 'bob', 'token.create', 'success'],
  ];
  for (const [time, actor, action, outcome] of rows) await recordEvent(db, { time: new Date(time), actor, action, outcome, target: time });
});

const targets = (events: AuditEvent[]) => events.map((event) => event.target?.slice(0, 10));

describe('searchEvents', () => {
  it('filters by actor, exact action, action prefix, outcome and time range, newest first', async () => {
    expect(targets(await searchEvents(db, { actor: 'alice' }))).toEqual(['2030-01-04', '2030-01-03', '2030-01-01']);
    expect(targets(await searchEvents(db, { action: 'auth.login' }))).toEqual(['2030-01-02', '2030-01-01']);
    expect(targets(await searchEvents(db, { action: 'account.' }))).toEqual(['2030-01-04', '2030-01-03']);
    expect(targets(await searchEvents(db, { action: 'account' }))).toEqual(['2030-01-04', '2030-01-03']);
    expect(targets(await searchEvents(db, { action: 'auth' }))).toEqual(['2030-01-02', '2030-01-01']);
    expect(targets(await searchEvents(db, { outcome: 'failure', actor: 'alice' }))).toEqual(['2030-01-04']);
    const range = { since: new Date('2030-01-02T00:00:00Z'), until: new Date('2030-01-04T00:00:00Z') };
    expect(targets(await searchEvents(db, range))).toEqual(['2030-01-03', '2030-01-02']);
    expect(targets(await searchEvents(db, { limit: 2 }))).toEqual(['2030-01-05', '2030-01-04']);
  });

  it('matches live events with the same rules', async () => {
    const [event] = await searchEvents(db, { action: 'account.password.reset' });
    if (!event) throw new Error('no event');
    expect(eventMatches(event, { action: 'account.' })).toBe(true);
    // Issue 17: a prefix matches without its trailing dot too, but only on whole segments.
    expect(eventMatches(event, { action: 'account' })).toBe(true);
    expect(eventMatches(event, { action: 'accoun' })).toBe(false);
    expect(eventMatches(event, { actor: 'bob' })).toBe(false);
    expect(eventMatches(event, { since: new Date('2030-01-04T00:00:00Z'), outcome: 'failure' })).toBe(true);
    expect(eventMatches(event, { until: new Date('2030-01-04T00:00:00Z') })).toBe(false);
  });
});

describe('retention', () => {
  it('defaults to a year, stores a new value, and deletes only older events', async () => {
    expect((await getAuditRetention(db)).days).toBe(365);
    await setAuditRetention(db, 30, 'admin');
    expect(await getAuditRetention(db)).toMatchObject({ days: 30, updatedBy: 'admin' });
    expect(await deleteEventsBefore(db, new Date('2030-01-03T00:00:00Z'))).toBe(2);
    expect(targets(await searchEvents(db, { actor: 'alice' }))).toEqual(['2030-01-04', '2030-01-03']);
  });
});

describe('watchEvents', () => {
  it('delivers each new event once, parsed, until closed', async () => {
    const seen: AuditEvent[] = [];
    const feed = await watchEvents(db, (event) => seen.push(event), (error) => {
      throw error;
    });
    const recorded = await recordEvent(db, { actor: 'carol', action: 'account.delete', outcome: 'success', target: 'x' });
    for (let attempt = 0; attempt < 100 && seen.length === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    await feed.close();
    expect(seen).toEqual([recorded]);
    await recordEvent(db, { actor: 'carol', action: 'account.delete', outcome: 'success', target: 'after-close' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(1);
  });
});
