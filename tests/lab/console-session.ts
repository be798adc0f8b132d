// Signing in to a console over plain HTTP, as the browser's form does through next-auth's
// credentials callback: the CSRF token and its cookie first, then the session cookie.

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '');
}

/** The session's Cookie header for `username` at `base` (http://host:port). */
export async function signInOverHttp(base: string, username: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { signal: AbortSignal.timeout(10_000) });
  if (!csrf.ok) throw new Error(`GET ${base}/api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf).join('; ') },
    body: new URLSearchParams({ csrfToken, username, password }),
    signal: AbortSignal.timeout(10_000),
  });
  const session = cookiesOf(response).find((cookie) => cookie.includes('session-token='));
  if (!session) throw new Error(`signing in as ${username} at ${base} gave no session cookie (status ${response.status}, to ${response.headers.get('location')})`);
  return session;
}

/** Who the console says the cookie belongs to (GET /api/v1/me), or the status it answered. */
export async function whoAmI(base: string, cookie: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/me`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) return `status ${response.status}`;
  const body = (await response.json()) as { user?: { username?: string }; username?: string };
  return body.user?.username ?? body.username ?? JSON.stringify(body);
}
