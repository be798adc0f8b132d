import { describe, expect, it } from 'vitest';
import { exactTime, relativeTime } from './relative-time';

const NOW = Date.parse('2026-12-02T12:00:00Z');

describe('relativeTime', () => {
  it('says how long ago in the largest whole unit', () => {
    expect(relativeTime('2026-12-02T11:59:58Z', NOW)).toBe('just now');
    expect(relativeTime('2026-12-02T11:59:30Z', NOW)).toBe('30 s ago');
    expect(relativeTime('2026-12-02T11:57:00.123456789Z', NOW)).toBe('3 min ago');
    expect(relativeTime('2026-12-02T09:00:00Z', NOW)).toBe('3 h ago');
    expect(relativeTime('2026-11-29T12:00:00Z', NOW)).toBe('3 d ago');
  });

  it('says "in" for a time to come, such as an expiry', () => {
    expect(relativeTime('2026-12-09T12:00:00Z', NOW)).toBe('in 7 d');
  });

  it('gives the date for a time long ago, and a dash for none or Docker\'s zero time', () => {
    expect(relativeTime('2026-01-02T12:00:00Z', NOW)).toBe('2026-01-02');
    expect(relativeTime(null, NOW)).toBe('—');
    expect(relativeTime('0001-01-01T00:00:00Z', NOW)).toBe('—');
    expect(relativeTime('not a time', NOW)).toBe('—');
  });
});

describe('exactTime', () => {
  it('drops the nanoseconds and says UTC', () => {
    expect(exactTime('2026-12-01T15:52:07.123456789Z')).toBe('2026-12-01 15:52:07 UTC');
    expect(exactTime('nonsense')).toBe('nonsense');
  });
});
