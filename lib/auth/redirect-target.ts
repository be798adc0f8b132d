/**
 * Where next-auth may send the browser after sign-in or sign-out: a path on this console, written
 * relative so the browser stays on the origin it used (behind a proxy, the public one). next-auth's
 * `baseUrl` in route handlers is the server's own address (the bind address), which must never reach
 * a Location header. An absolute URL is kept only for the public origin (SHIPYARD_PUBLIC_URL) and
 * made relative for `baseUrl`; anything else (another site) becomes "/".
 */
export function redirectTarget(url: string, baseUrl: string, publicUrl: string | null): string {
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return '/';
  }
  const local = `${target.pathname}${target.search}${target.hash}`;
  if (publicUrl !== null && target.origin === new URL(publicUrl).origin) return local;
  if (target.origin === new URL(baseUrl).origin) return local;
  return '/';
}
