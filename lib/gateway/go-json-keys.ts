// The engine decodes request bodies with Go's encoding/json, which matches keys to fields without
// regard to case ("privileged" sets Privileged) and lets the last of repeated keys win. The checks
// must read a body the way the engine will, or {"hostconfig": {"privileged": true}} walks past them.

// Go's key folding and the repeated-key check live with the policy, which reads bodies the same way.
import { foldKey } from '@/lib/policy/go-json';

/** Which fields of an object the checks read: a nested shape, or true for a value taken whole. */
export interface KeyShape {
  readonly [field: string]: KeyShape | true;
}

/**
 * The value with the keys the shape names renamed to their canonical spelling, as Go would match
 * them; arrays are walked element by element, other keys are left out (the checks do not read them).
 */
export function canonicalKeys(value: unknown, shape: KeyShape): unknown {
  if (Array.isArray(value)) return value.map((each) => canonicalKeys(each, shape));
  if (typeof value !== 'object' || value === null) return value;
  const byFold = new Map(Object.keys(shape).map((field) => [foldKey(field), field]));
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const field = byFold.get(foldKey(key));
    if (field === undefined) continue;
    const inner = shape[field];
    result[field] = inner === true || inner === undefined ? child : canonicalKeys(child, inner);
  }
  return result;
}
