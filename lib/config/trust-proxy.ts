/**
 * Reads SHIPYARD_TRUST_PROXY: how many proxies in front of the console and the gateway append to
 * X-Forwarded-For. Unset, "false", "off", "no" or 0: none, so the header is ignored and the
 * socket's address is the caller's; "true", "on", "yes" or 1: one; a whole number up to 10: that many.
 * Also whether X-Forwarded-Host and -Proto are believed (only with at least one proxy: lib/http/forwarded-host.ts).
 */
export function parseTrustProxy(raw: string | undefined): number | string {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'false' || value === 'off' || value === 'no') return 0;
  if (value === 'true' || value === 'on' || value === 'yes') return 1;
  if (/^\d{1,2}$/.test(value) && Number(value) <= 10) return Number(value);
  return `"${raw ?? ''}" is not a number of proxies: use false (the default: X-Forwarded-For is ignored), true (one proxy) or a count from 0 to 10`;
}
