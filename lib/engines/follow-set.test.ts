import { describe, expect, it } from 'vitest';
import { FollowSet } from './follow-set';

/** A stand-in for an engine: what follows it is recorded, and so is when that stops. */
function recorder() {
  const log: string[] = [];
  const set = new FollowSet<{ url: string }>(
    (engine) => engine.url,
    (engine) => {
      log.push(`follow ${engine.url}`);
      return () => log.push(`stop ${engine.url}`);
    },
  );
  return { log, set };
}

describe('FollowSet', () => {
  it('follows each new item once, keeps those that stay, and stops those that go', () => {
    const { log, set } = recorder();
    expect(set.update([{ url: 'a' }, { url: 'b' }])).toEqual({ added: [{ url: 'a' }, { url: 'b' }], removed: [] });
    expect(set.update([{ url: 'b' }, { url: 'c' }])).toEqual({ added: [{ url: 'c' }], removed: [{ url: 'a' }] });
    expect(set.update([{ url: 'b' }, { url: 'c' }])).toEqual({ added: [], removed: [] });
    expect(log).toEqual(['follow a', 'follow b', 'stop a', 'follow c']);
    expect(set.size).toBe(2);
    expect(set.has('a')).toBe(false);
  });

  it('follows the same key only once even when listed twice, and clear stops everything', () => {
    const { log, set } = recorder();
    set.update([{ url: 'a' }, { url: 'a' }]);
    expect(log).toEqual(['follow a']);
    set.clear();
    expect(log).toEqual(['follow a', 'stop a']);
    expect(set.size).toBe(0);
    expect(set.update([{ url: 'a' }]).added).toHaveLength(1);
  });
});
