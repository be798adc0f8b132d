import { Client } from 'ldapts';
import type { LdapSettings } from '@/lib/config/ldap-settings';
import { directoryProblem } from './directory-unavailable';

/** Bounds every step, so a directory that hangs gives its message in seconds, not at the browser's timeout. */
const CONNECT_TIMEOUT_MS = 4_000;
const OPERATION_TIMEOUT_MS = 5_000;

export type DirectorySettings = Pick<LdapSettings, 'url' | 'startTls' | 'ca'>;

/**
 * A connection to the directory, over TLS checked against SHIPYARD_LDAP_CA (ldaps://, or
 * StartTLS before anything else is sent); the server's certificate must name the URL's host.
 */
export async function openDirectory(settings: DirectorySettings): Promise<Client> {
  const tlsOptions = { ...(settings.ca === undefined ? {} : { ca: [settings.ca] }), minVersion: 'TLSv1.2' as const };
  // Only for ldaps://: given for ldap:// too, ldapts speaks TLS at once and StartTLS fails.
  const secure = settings.url.startsWith('ldaps:');
  const client = new Client({ url: settings.url, connectTimeout: CONNECT_TIMEOUT_MS, timeout: OPERATION_TIMEOUT_MS, ...(secure ? { tlsOptions } : {}) });
  if (settings.startTls) {
    try {
      // The host is what the certificate must name (and the SNI name unless an address).
      await client.startTLS({ ...tlsOptions, host: new URL(settings.url).hostname.replace(/^\[|\]$/g, '') });
    } catch (error) {
      await client.unbind().catch(() => undefined);
      throw directoryProblem(error, 'other');
    }
  }
  return client;
}

/** Closes quietly: the answer was already had, a failing unbind changes nothing. */
export async function closeDirectory(client: Client): Promise<void> {
  await client.unbind().catch(() => undefined);
}
