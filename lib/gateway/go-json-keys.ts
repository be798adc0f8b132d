// The engine decodes request bodies with Go's encoding/json, which matches keys to fields without
// regard to case ("privileged" sets Privileged) and lets the last of repeated keys win. The checks
// must read a body the way the engine will, or {"hostconfig": {"privileged": true}} walks past them.

/** Go's key folding: ASCII letters by case, and the two non-ASCII runes that fold into ASCII (ſ, K). */
export function foldKey(key: string): string {
  let folded = '';
  for (const char of key) {
    if (char === '\u017f') folded += 'S';
    else if (char === '\u212a') folded += 'K';
    else folded += char < '\x80' ? char.toUpperCase() : char;
  }
  return folded;
}

/**
 * The first key that an object of the JSON text repeats once folded, or null. JavaScript keeps
 * one value per exact key and loses the order Go would apply them in, so such a body cannot be
 * read as the engine reads it: the gateway refuses it instead. Expects valid JSON.
 */
export function repeatedKey(text: string): string | null {
  const stack: (Set<string> | null)[] = []; // a Set per open object, null per open array
  let expectKey = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (char === '[') {
      stack.push(null);
      expectKey = false;
    } else if (char === '}' || char === ']') {
      stack.pop();
      expectKey = false;
    } else if (char === ',') {
      expectKey = stack.at(-1) instanceof Set;
    } else if (char === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (expectKey) {
        const key = JSON.parse(text.slice(index, end + 1)) as string;
        const keys = stack.at(-1);
        const folded = foldKey(key);
        if (keys?.has(folded)) return key;
        keys?.add(folded);
        expectKey = false;
      }
      index = end;
    }
  }
  return null;
}

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
