/**
 * Reads SHIPYARD_PUBLIC_URL: the address users reach the console at (e.g. behind a reverse proxy,
 * https://shipyard.example.com). Redirects are built on it, never on the bind address. Returns its
 * origin, null when unset, or a problem.
 */
export function parsePublicUrl(raw: string | undefined): string | null | { problem: string } {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `"${value}" is not a URL: write it as users type it, e.g. https://shipyard.example.com` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `"${value}" must start with https:// (or http://)` };
  if (url.username !== '' || url.password !== '') return { problem: `"${value}" may not carry a user or password` };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return { problem: `"${value}" has a path, query or fragment: the console is served at the root of its host, e.g. ${url.origin}` };
  }
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') return { problem: `"${value}" is a bind address, not one a browser can reach: give the host name users type` };
  return url.origin;
}
