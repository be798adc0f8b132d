// Host and node names sorted as a person reads them: h1, h2, …, h10, not h1, h10, h11, …, h2.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Compares two names with their digit runs read as numbers (h2 before h10), case-insensitively. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A copy of `items` in natural order of the name `nameOf` gives each. */
export function naturallySorted<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => naturalCompare(nameOf(a), nameOf(b)));
}
