/**
 * Whether a request with a cookie comes from this console's own pages: a browser sends Origin on
 * every cross-site POST and on every WebSocket handshake. No Origin at all is not a browser
 * (curl, scripts), where the cookie itself is the check.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null) return true;
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
