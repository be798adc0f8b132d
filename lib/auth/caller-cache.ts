import { createHash } from 'node:crypto';
import type { SessionUser } from './session-user';

/**
 * The signed-in user per session cookie, for a few seconds, so that a page and its API calls
 * do not each decrypt the session and read the account again: that was most of the console's
 * own time on a list request. Safe because:
 * - an entry is found only with the very same cookie (its SHA-256 is the key), and only for
 *   `ttlMs` (default 3 s), so an account changed by another console process is seen within that;
 * - every account write in this process empties the account's entries at once (the repository
 *   tells onAccountChanged), so a disabled, deleted or demoted account, or a password reset,
 *   takes effect on the next request;
 * - a lookup that began before such a write is not stored (the generation marker), so it cannot
 *   bring back the old account;
 * - only users are cached, never "no session", and API tokens are not cached at all.
 */
export class CallerCache {
  private entries = new Map<string, { user: SessionUser; expiresAt: number }>();
  private generation = 0;

  constructor(
    private readonly options: { ttlMs: number; maxEntries: number; now?: () => number } = { ttlMs: 3_000, maxEntries: 1_000 },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  static keyOf(parts: readonly string[]): string {
    return createHash('sha256').update(parts.join('\n')).digest('hex');
  }

  /** A marker to pass to set(): taken before the session and the account are read. */
  get currentGeneration(): number {
    return this.generation;
  }

  get(key: string): SessionUser | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.user;
  }

  set(key: string, user: SessionUser, generation: number): void {
    if (generation !== this.generation) return; // an account changed while this was read
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { user, expiresAt: this.now() + this.options.ttlMs });
  }

  /** After a write to the account: its entries go, and lookups in flight are not stored. */
  forgetAccount(accountId: string): void {
    this.forgetWhere((user) => user.id === accountId);
  }

  /** Drops the entries whose user matches, and keeps no lookup that began before. */
  protected forgetWhere(matches: (user: SessionUser) => boolean): void {
    this.generation += 1;
    for (const [key, entry] of this.entries) if (matches(entry.user)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
