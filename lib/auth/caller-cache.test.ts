import { describe, expect, it } from 'vitest';
import { CallerCache } from './caller-cache';
import type { SessionUser } from './session-user';

const alice: SessionUser = { id: 'a', username: 'alice', role: 'admin', mustChangePassword: false, credential: { kind: 'session' } };
const bob: SessionUser = { id: 'b', username: 'bob', role: 'viewer', mustChangePassword: false, credential: { kind: 'session' } };

function cache(maxEntries = 10) {
  let now = 1_000;
  const subject = new CallerCache({ ttlMs: 3_000, maxEntries, now: () => now });
  return { subject, advance: (ms: number) => (now += ms) };
}

describe('CallerCache', () => {
  it('finds a user by the very same cookie only, and only for the time to live', () => {
    const { subject, advance } = cache();
    const key = CallerCache.keyOf(['authjs.session-token=one', '']);
    subject.set(key, alice, subject.currentGeneration);
    expect(subject.get(key)).toEqual(alice);
    expect(subject.get(CallerCache.keyOf(['authjs.session-token=one2', '']))).toBeUndefined();
    expect(subject.get(CallerCache.keyOf(['authjs.session-token=one', 'https']))).toBeUndefined();
    advance(2_999);
    expect(subject.get(key)).toEqual(alice);
    advance(1);
    expect(subject.get(key)).toBeUndefined();
    expect(subject.size).toBe(0);
  });

  it('forgets every session of a changed account at once, and no other', () => {
    const { subject } = cache();
    const generation = subject.currentGeneration;
    subject.set('k1', alice, generation);
    subject.set('k2', alice, generation);
    subject.set('k3', bob, generation);
    subject.forgetAccount('a');
    expect(subject.get('k1')).toBeUndefined();
    expect(subject.get('k2')).toBeUndefined();
    expect(subject.get('k3')).toEqual(bob);
  });

  it('does not store a lookup that began before an account changed (it may hold the old account)', () => {
    const { subject } = cache();
    const marker = subject.currentGeneration; // the lookup starts and reads the account…
    subject.forgetAccount('a'); // …an admin disables it meanwhile…
    subject.set('k1', alice, marker); // …and the old answer arrives
    expect(subject.get('k1')).toBeUndefined();
    subject.set('k1', alice, subject.currentGeneration);
    expect(subject.get('k1')).toEqual(alice);
  });

  it('holds at most maxEntries, dropping the oldest', () => {
    const { subject } = cache(2);
    subject.set('k1', alice, 0);
    subject.set('k2', bob, 0);
    subject.set('k3', bob, 0);
    expect(subject.size).toBe(2);
    expect(subject.get('k1')).toBeUndefined();
    expect(subject.get('k3')).toEqual(bob);
  });
});
