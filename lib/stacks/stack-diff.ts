// What a redeploy changes, service by service: the spec now and the spec the new file gives,
// each as indented JSON with its keys sorted, compared line by line.
import type { ServiceSpec } from '@/lib/docker/engine-shapes';

export interface DiffLine {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

export interface ServiceChange {
  /** The service's Docker name (<stack>_<name>). */
  readonly service: string;
  readonly change: 'create' | 'update' | 'remove' | 'unchanged';
  readonly lines: readonly DiffLine[];
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}

export const specLines = (spec: ServiceSpec | undefined): string[] => (spec ? JSON.stringify(sortedKeys(spec), null, 2).split('\n') : []);

/** A line diff (longest common subsequence): small inputs, a few hundred lines at most. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const rows = before.length;
  const columns = after.length;
  const common: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(columns + 1).fill(0));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      const row = common[i] ?? [];
      row[j] = before[i] === after[j] ? (common[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(common[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < rows || j < columns) {
    if (i < rows && j < columns && before[i] === after[j]) {
      lines.push({ kind: 'same', text: before[i++] ?? '' });
      j++;
    } else if (i < rows && (j >= columns || (common[i + 1]?.[j] ?? 0) >= (common[i]?.[j + 1] ?? 0))) {
      // A removed line comes before the line added in its place, as diff prints them.
      lines.push({ kind: 'removed', text: before[i++] ?? '' });
    } else {
      lines.push({ kind: 'added', text: after[j++] ?? '' });
    }
  }
  return lines;
}

/** Each service of either side: created, updated (with its diff), removed, or unchanged. */
export function diffStackSpecs(before: ReadonlyMap<string, ServiceSpec>, after: ReadonlyMap<string, ServiceSpec>): ServiceChange[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.map((service) => {
    const lines = diffLines(specLines(before.get(service)), specLines(after.get(service)));
    const change = !before.has(service) ? 'create' : !after.has(service) ? 'remove' : lines.every((line) => line.kind === 'same') ? 'unchanged' : 'update';
    return { service, change, lines };
  });
}
