import type { PendingReference } from './field-rules';
import { containedContainer } from './references';
import { refuse } from './refusal';
import type { QueryPairs } from './request-path';
import type { EngineRoute } from './routes';

/**
 * The query a non-admin may send to the route, to forward: every parameter on the route's list
 * (the engine reads parameters by exact name, so only exact names are), admin-only ones only at
 * their default, each at most once unless repeatable. A container named in the query is resolved
 * (pushed to `references`) and its id forwarded.
 */
export function checkQuery(route: EngineRoute, pairs: QueryPairs, references: PendingReference[]): Array<[string, string]> {
  const forwarded: Array<[string, string]> = pairs.map(([key, value]) => [key, value]);
  const seen = new Set<string>();
  forwarded.forEach(([key, value], index) => {
    const field = `query.${key}`;
    const rule = route.query[key];
    if (!rule) return refuse(403, `the query parameter ${key} is not one a non-admin may send to ${route.method} ${route.pattern}`, field);
    if (seen.has(key) && !(rule.kind === 'allowed' && rule.repeatable)) return refuse(400, `the query parameter ${key} is repeated (the engine reads only the first)`, field);
    seen.add(key);
    if (rule.kind === 'admin-only' && !rule.isDefault(value)) return refuse(403, `only an admin may use it: ${rule.reason}`, field);
    if (rule.kind === 'container') {
      references.push(containedContainer(value, field, (id) => (forwarded[index] = [key, id])));
    }
    return undefined;
  });
  return forwarded;
}
