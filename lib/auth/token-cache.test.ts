import { describe, expect, it } from 'vitest';
import type { SessionUser } from './session-user';
import { VerifiedTokenCache, verifiedTokenKey } from './token-cache';

const user = (id: string, tokenId: string): SessionUser => ({ id, username: id, role: 'operator', mustChangePassword: false, credential: { kind: 'token', tokenId, readOnly: false } });
const secret = `shy_${'a'.repeat(43)}`;

describe('VerifiedTokenCache', () => {
  it('keeps a let-in token for its lifetime only, under the secret and the user name together', () => {
    let now = 0;
    const cache = new VerifiedTokenCache({ ttlMs: 3_000, maxEntries: 10, now: () => now });
    const key = verifiedTokenKey({ secret, username: 'Ann' });
    cache.set(key, user('ann', 't1'), cache.currentGeneration);
    expect(cache.get(key)?.id).toBe('ann');
    expect(verifiedTokenKey({ secret, username: 'ann' })).toBe(key); // names match case-insensitively, as the check does
    expect(cache.get(verifiedTokenKey({ secret, username: 'bob' }))).toBeUndefined();
    expect(cache.get(verifiedTokenKey({ secret, username: null }))).toBeUndefined();
    now = 3_000;
    expect(cache.get(key)).toBeUndefined();
  });

  it('drops a revoked token at once, and does not keep a check that began before the revocation', () => {
    const cache = new VerifiedTokenCache();
    const key = verifiedTokenKey({ secret, username: null });
    cache.set(key, user('ann', 't1'), cache.currentGeneration);
    const inFlight = cache.currentGeneration;
    cache.forget({ tokenId: 't1' });
    expect(cache.get(key)).toBeUndefined();
    cache.set(key, user('ann', 't1'), inFlight);
    expect(cache.get(key)).toBeUndefined();
  });

  it("drops every token of an account that changed (disabled, deleted, demoted), and no other account's", () => {
    const cache = new VerifiedTokenCache();
    const ann = verifiedTokenKey({ secret, username: 'ann' });
    const bob = verifiedTokenKey({ secret: `shy_${'b'.repeat(43)}`, username: 'bob' });
    cache.set(ann, user('ann', 't1'), cache.currentGeneration);
    cache.set(bob, user('bob', 't2'), cache.currentGeneration);
    cache.forget({ accountId: 'ann' });
    expect(cache.get(ann)).toBeUndefined();
    expect(cache.get(bob)?.id).toBe('bob');
  });

  it('holds at most maxEntries, dropping the oldest', () => {
    const cache = new VerifiedTokenCache({ ttlMs: 3_000, maxEntries: 2 });
    const keys = ['a', 'b', 'c'].map((letter) => verifiedTokenKey({ secret: `shy_${letter.repeat(43)}`, username: null }));
    keys.forEach((key, index) => cache.set(key, user(`u${index}`, `t${index}`), cache.currentGeneration));
    expect(cache.size).toBe(2);
    expect(cache.get(keys[0] ?? '')).toBeUndefined();
  });
});
