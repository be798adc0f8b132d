/**
 * What a long-lived feed follows, kept in step with a list that changes (engines that join or
 * leave the swarm): `update` starts following the new items and lets go of the ones gone.
 */
export class FollowSet<T> {
  private followed = new Map<string, { item: T; stop: () => void }>();

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly follow: (item: T) => () => void,
  ) {}

  get size(): number {
    return this.followed.size;
  }

  /** What is followed now. */
  items(): T[] {
    return [...this.followed.values()].map((entry) => entry.item);
  }

  has(key: string): boolean {
    return this.followed.has(key);
  }

  /** Follows what `current` has that is not followed yet, stops what it no longer has; says which. */
  update(current: readonly T[]): { added: T[]; removed: T[] } {
    const keys = new Set(current.map(this.keyOf));
    const removed: T[] = [];
    for (const [key, entry] of this.followed) {
      if (keys.has(key)) continue;
      entry.stop();
      this.followed.delete(key);
      removed.push(entry.item);
    }
    const added: T[] = [];
    for (const item of current) {
      const key = this.keyOf(item);
      if (this.followed.has(key)) continue;
      this.followed.set(key, { item, stop: this.follow(item) });
      added.push(item);
    }
    return { added, removed };
  }

  /** Stops following everything. */
  clear(): void {
    for (const entry of this.followed.values()) entry.stop();
    this.followed.clear();
  }
}
