// Walks a body the way the engine's decoder fills its structs, with the classification tables:
// keys matched to field names without regard to case and forwarded in the canonical spelling,
// null as absent, a field no table names refused unless it is at its zero value (the engine would
// ignore an unknown key; a newer engine might not). The result is the body to forward.
import type { DecodeContext, FieldAt, FieldRule, Fields } from './field-rules';
import { isZeroValue } from './field-rules';
import { foldKey, isJsonObject } from './go-json';
import { refuse } from './refusal';

const foldedNames = new WeakMap<Fields, Map<string, string>>();

/** The canonical field name a key decodes into, as Go's case-insensitive match finds it, or undefined. */
export function fieldNameFor(fields: Fields, key: string): string | undefined {
  let names = foldedNames.get(fields);
  if (!names) {
    names = new Map(Object.keys(fields).map((name) => [foldKey(name), name]));
    foldedNames.set(fields, names);
  }
  return names.get(foldKey(key));
}

const join = (base: string, name: string): string => (base === '' ? name : `${base}.${name}`);

/** Decodes an object into the canonical struct; undefined for null (the engine's zero value). */
export function decodeStruct(value: unknown, fields: Fields, path: string, context: DecodeContext): Record<string, unknown> | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isJsonObject(value)) refuse(400, 'must be a JSON object', path || undefined);
  const decoded: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const name = fieldNameFor(fields, key);
    if (name === undefined) {
      if (isZeroValue(child)) continue;
      refuse(403, 'is not a field Shipyard knows for this request: only an admin may send it', join(path, key));
    }
    const rule = fields[name];
    if (!rule) continue;
    const forwarded = decodeValue(rule, child, { path: join(path, name), context, replace: (next) => (decoded[name] = next) });
    if (forwarded !== undefined) decoded[name] = forwarded;
  }
  return decoded;
}

/** Decodes one value by its rule; returns what to forward (undefined: leave the field out). */
export function decodeValue(rule: FieldRule, value: unknown, at: FieldAt): unknown {
  switch (rule.kind) {
    case 'admin-only':
      if (rule.isDefault(value)) return undefined;
      return refuse(403, `only an admin may set it: ${rule.reason}`, at.path);
    case 'granted':
      if (at.context.holds?.(rule.permission)) return decodeValue(rule.of, value, at);
      if (isZeroValue(value)) return undefined;
      return refuse(403, `only an admin, or an account an admin granted ${rule.permission}, may set it: ${rule.reason}`, at.path);
    case 'refused':
      if (rule.isDefault(value)) return undefined;
      return refuse(403, `Shipyard does not forward it: ${rule.reason}`, at.path);
    case 'allowed':
      if (value === null || value === undefined) return undefined;
      return rule.check ? rule.check(value, at) : value;
    case 'struct': {
      const decoded = decodeStruct(value, rule.fields, at.path, at.context);
      if (decoded && rule.check) rule.check(decoded, at);
      return decoded;
    }
    case 'list': {
      if (value === null || value === undefined) return undefined;
      if (!Array.isArray(value)) return refuse(400, 'must be a JSON array', at.path);
      const items: unknown[] = [];
      value.forEach((item: unknown, index) => {
        const forwarded = decodeValue(rule.of, item, { path: `${at.path}[${index}]`, context: at.context, replace: (next) => (items[index] = next) });
        items[index] = forwarded ?? null;
      });
      return items;
    }
    case 'map': {
      if (value === null || value === undefined) return undefined;
      if (!isJsonObject(value)) return refuse(400, 'must be a JSON object', at.path);
      // Keys are the client's (labels, options): no prototype, so "__proto__" stays a key.
      const entries = Object.create(null) as Record<string, unknown>;
      for (const [key, child] of Object.entries(value)) {
        const path = `${at.path}.${key}`;
        const forwarded = decodeValue(rule.of, child, { path, context: at.context, replace: (next) => (entries[key] = next) });
        entries[key] = forwarded ?? null;
        rule.key?.(key, { path, context: at.context, replace: at.replace }, (forwardedKey) => {
          const moved = entries[key];
          Reflect.deleteProperty(entries, key);
          entries[forwardedKey] = moved;
        });
      }
      return entries;
    }
  }
}
