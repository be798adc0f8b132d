import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/errors/app-error';
import type { DatabaseHandle } from '../connection';
import { useTestDatabase } from '../testing/use-test-database';
import { listEvents, recordEvent } from './events';

let db: DatabaseHandle;

useTestDatabase('events', (opened) => {
  db = opened;
});

const at = (iso: string) => new Date(iso);

describe('events', () => {
  it('records an event with its defaults and an id', async () => {
    const before = Date.now();
    const event = await recordEvent(db, { actor: 'admin', action: 'auth.login', outcome: 'success', address: '127.0.0.1' });
    expect(event).toMatchObject({ actor: 'admin', action: 'auth.login', outcome: 'success', target: null, address: '127.0.0.1', details: {} });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.time.getTime()).toBeGreaterThanOrEqual(before);
    expect((await listEvents(db, { limit: 1 }))[0]).toEqual(event);
  });

  it('lists newest first, whatever the insertion order, and pages with before', async () => {
    // Times in the future, so they sort ahead of the event recorded above.
    for (const time of ['2100-01-02', '2100-01-04', '2100-01-01', '2100-01-03']) {
      await recordEvent(db, { time: at(time), actor: null, action: 'account.create', target: `t-${time}`, outcome: 'success', details: { n: 1, ok: true, s: 'x' } });
    }
    const firstPage = await listEvents(db, { limit: 3 });
    expect(firstPage.map((event) => event.target)).toEqual(['t-2100-01-04', 't-2100-01-03', 't-2100-01-02']);

    const last = firstPage.at(-1);
    const nextPage = await listEvents(db, { limit: 3, before: last?.time });
    expect(nextPage.map((event) => event.target)).toEqual(['t-2100-01-01', null]);
    expect(nextPage[0]?.details).toEqual({ n: 1, ok: true, s: 'x' });
  });

  it('refuses a malformed event or page size', async () => {
    await expect(recordEvent(db, { actor: null, action: 'not an action', outcome: 'success' })).rejects.toBeInstanceOf(ValidationError);
    await expect(listEvents(db, { limit: 0 })).rejects.toThrow(/limit/);
    expect(await listEvents(db, { limit: 100 })).toHaveLength(5);
  });
});
