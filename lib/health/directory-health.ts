import { withTimeout } from '@/lib/async/with-timeout';
import type { LdapSettings } from '@/lib/config/ldap-settings';
import { probeDirectory } from '@/lib/ldap/authenticate-directory-user';
import { DirectoryUnavailableError } from '@/lib/ldap/directory-unavailable';
import type { ServiceHealth } from './check-health';

const PROBE_TIMEOUT_MS = 5_000;

/**
 * The LDAP directory's health: the service account binds (over TLS as configured). Reported
 * beside the three services, not among them: while it is down local accounts still sign in, so
 * the console stays in service. The message names the setting to check; never an address or the password.
 */
export async function checkDirectory(settings: LdapSettings): Promise<ServiceHealth> {
  const started = performance.now();
  try {
    await withTimeout(probeDirectory(settings), PROBE_TIMEOUT_MS, 'timed out');
    return { up: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    const message = error instanceof DirectoryUnavailableError ? error.message : 'the LDAP directory does not answer in time: check SHIPYARD_LDAP_URL and that the directory server is running';
    return { up: false, latencyMs: Math.round(performance.now() - started), message: `${message}; local accounts still sign in` };
  }
}

/** The start-up log's line for the directory, as the other services' (lib/health/startup-report.ts). */
export function directoryReportLine(settings: LdapSettings, health: ServiceHealth): string {
  const tls = settings.url.startsWith('ldaps:') ? 'ldaps' : settings.startTls ? 'StartTLS' : 'NO TLS: passwords cross the network in clear, use ldaps:// or SHIPYARD_LDAP_STARTTLS=true';
  if (health.up) return `shipyard: ldap up at ${settings.url} (${tls}, ${health.latencyMs} ms)`;
  return `shipyard: ldap DOWN at ${settings.url}: ${health.message ?? 'no answer'}; the console starts anyway`;
}
