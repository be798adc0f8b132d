/** A request path as the engine will route it, for the allow-list. */
export interface ApiPath {
  /** Decoded, without the /v1.xx prefix: /containers/json. */
  route: string;
  /** The API version the caller pinned (1.41), or null for the engine's own. */
  version: string | null;
}

/**
 * The engine decodes the path and cleans dot segments before routing, so a check on the raw
 * path could be walked around with %2F or /../: match on the decoded path and refuse paths
 * that are not already clean (null), instead of guessing how the engine would clean them.
 */
export function parseApiPath(url: string): ApiPath | null {
  const rawPath = url.split('?', 1)[0] ?? '';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!path.startsWith('/') || path.includes('//') || path.includes('\\') || path.includes('\0')) return null;
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return null;
  const versioned = /^\/v(\d+\.\d+)(\/.*)$/.exec(path);
  if (versioned?.[1] && versioned[2]) return { route: versioned[2], version: versioned[1] };
  return { route: path, version: null };
}
