/**
 * The caller's address as the proxy in front of the console reports it. Next's route handlers
 * do not expose the socket's address; without a proxy header every caller counts as "direct".
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip')?.trim() || 'direct';
}
