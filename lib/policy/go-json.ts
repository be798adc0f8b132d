// The engine decodes bodies with Go's encoding/json: a key matches a struct field without regard
// to case, the last of repeated keys wins, unknown keys are ignored, and null leaves a field at
// its zero value. JavaScript keeps one value per exact key, so a body with a key repeated (in any
// case) cannot be read as the engine reads it: it is refused.
import { refuse } from './refusal';
import type { EngineRequest } from './types';

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

/** The first key an object of the JSON text repeats once folded, or null. Expects valid JSON. */
export function repeatedJsonKey(text: string): string | null {
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

/**
 * The request's JSON body as the engine will decode it: undefined when there is none, refused (400)
 * when it is not JSON or repeats a key. rawBody, when given, is what is read.
 */
export function readJsonBody(request: EngineRequest): unknown {
  if (request.rawBody === undefined) return request.body;
  const text = typeof request.rawBody === 'string' ? request.rawBody : request.rawBody.toString('utf8');
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    refuse(400, 'The body is not valid JSON');
  }
  const repeated = repeatedJsonKey(text);
  if (repeated !== null) refuse(400, `The body repeats the key "${repeated}" (keys are matched without regard to case, as the engine does): send it once`);
  return parsed;
}

/** A JSON object (not an array or null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
