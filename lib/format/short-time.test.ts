import { describe, expect, it } from 'vitest';
import { shortTime } from './short-time';

describe('shortTime', () => {
  it('keeps the date and the minute, with a space for the T', () => {
    expect(shortTime('2026-12-01T15:52:07.123Z')).toBe('2026-12-01 15:52');
  });
});
