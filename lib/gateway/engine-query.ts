import { GatewayRefusal } from './refusal';

/** A query string as the engine's Go server reads it: the pairs in order, keys case-sensitive. */
export type EngineQuery = readonly (readonly [string, string])[];

function unescape(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    throw new GatewayRefusal(400, 'The query string has an invalid %-escape: the engine would not read it as Shipyard does');
  }
}

/**
 * Parses the query as Go's url.ParseQuery does (pairs split on &, the first = splits key from
 * value, + is a space). A semicolon is refused: older Go releases split on it too, so its meaning
 * depends on how the engine was built.
 */
export function parseEngineQuery(url: string): EngineQuery {
  const at = url.indexOf('?');
  if (at < 0) return [];
  const raw = url.slice(at + 1);
  if (raw.includes(';')) throw new GatewayRefusal(400, 'The query string holds a semicolon: send parameters separated by & only');
  const pairs: [string, string][] = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    pairs.push(equals < 0 ? [unescape(part), ''] : [unescape(part.slice(0, equals)), unescape(part.slice(equals + 1))]);
  }
  return pairs;
}

/** Every value a key has (the engine mostly reads the first; a check must read them all). */
export function queryValues(query: EngineQuery, key: string): string[] {
  return query.filter(([name]) => name === key).map(([, value]) => value);
}

/** The query as forwarded: re-encoded from the pairs the checks read, so the engine reads the same. */
export function formatEngineQuery(query: EngineQuery): string {
  if (query.length === 0) return '';
  return `?${query.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')}`;
}
