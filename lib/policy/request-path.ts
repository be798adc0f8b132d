// The path and query as the engine will route and read them. The engine decodes the path before
// routing and reads query parameters by exact name, first value first: the policy decodes the
// same way, refuses what it could read differently (unclean paths, invalid escapes, `;`,
// repeated parameters), and forwards a path and query it rebuilt from what it checked.
import { refuse } from './refusal';

export type QueryPairs = ReadonlyArray<readonly [string, string]>;

/** Decoded path segments of a route (after the version prefix), without the leading empty one. */
export function decodeRouteSegments(rest: string): string[] {
  let path: string;
  try {
    path = decodeURIComponent(rest);
  } catch {
    return refuse(400, 'the path has an invalid escape or is not UTF-8', 'path');
  }
  if (!path.startsWith('/') || path.includes('//') || path.includes('\\') || path.includes('\0')) return refuse(400, 'the path is not a clean absolute path', 'path');
  const segments = path.slice(1).split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) return refuse(400, 'the path has . or .. segments', 'path');
  return segments;
}

const encodeSegment = (segment: string): string => encodeURIComponent(segment).replace(/%3A/gi, ':').replace(/%40/g, '@');

export const encodeRoute = (segments: readonly string[]): string => `/${segments.map(encodeSegment).join('/')}`;

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return refuse(400, 'the query string has an invalid escape or is not UTF-8', 'query');
  }
}

/** key=value pairs of a query string, decoded as Go's url.ParseQuery does; `;` is refused (Go versions disagree on it). */
export function parseQuery(query: string): QueryPairs {
  if (query === '') return [];
  if (query.includes(';')) return refuse(400, 'the query string contains ";", which engines built with different Go versions read differently', 'query');
  return query
    .split('&')
    .filter((part) => part !== '')
    .map((part): readonly [string, string] => {
      const separator = part.indexOf('=');
      return separator === -1 ? [decodeQueryPart(part), ''] : [decodeQueryPart(part.slice(0, separator)), decodeQueryPart(part.slice(separator + 1))];
    });
}

export const encodeQuery = (pairs: QueryPairs): string =>
  pairs.length === 0 ? '' : `?${pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')}`;

/** The path split at its query: "/v1.41/containers/json", "all=1". */
export function splitQuery(path: string): { readonly pathname: string; readonly query: string } {
  const index = path.indexOf('?');
  return index === -1 ? { pathname: path, query: '' } : { pathname: path.slice(0, index), query: path.slice(index + 1) };
}
