import { BODY_TABLES } from './body-tables';
import { classificationOf, type Classification, type FieldRule, type Fields } from './field-rules';

export type ClassificationCounts = Readonly<Record<Classification, number>> & { readonly total: number };

function innerFields(rule: FieldRule): Fields | null {
  if (rule.kind === 'struct') return rule.fields;
  if (rule.kind === 'list' || rule.kind === 'map' || rule.kind === 'granted') return innerFields(rule.of);
  return null;
}

/**
 * How many properties the tables classify, each counted once however many bodies share it
 * (Mount is in HostConfig and in a service's ContainerSpec), for the closing note.
 */
export function classificationCounts(tables: Readonly<Record<string, Fields>> = BODY_TABLES): ClassificationCounts {
  const counts: Record<Classification, number> = { allowed: 0, 'admin-only': 0, refused: 0 };
  const seen = new Set<Fields>();
  const visit = (fields: Fields): void => {
    if (seen.has(fields)) return;
    seen.add(fields);
    for (const rule of Object.values(fields)) {
      counts[classificationOf(rule)]++;
      const inner = innerFields(rule);
      if (inner) visit(inner);
    }
  };
  Object.values(tables).forEach(visit);
  return { ...counts, total: counts.allowed + counts['admin-only'] + counts.refused };
}
