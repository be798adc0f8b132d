import type { Environment } from './config';
import { readPemSetting } from './pem-setting';
import { readSecretSetting } from './secret-setting';

/** How to reach a secured etcd: TLS (a CA, a client certificate) and/or etcd's own users. */
export interface EtcdCredentials {
  /** PEM text; null: the system's CAs / no client certificate. */
  readonly tls: { readonly ca: string | null; readonly cert: string | null; readonly key: string | null } | null;
  readonly auth: { readonly username: string; readonly password: string } | null;
}

export const NO_ETCD_CREDENTIALS: EtcdCredentials = { tls: null, auth: null };

const SUFFIXES = ['CA', 'CERT', 'KEY', 'USERNAME', 'PASSWORD', 'PASSWORD_FILE'] as const;

/** Whether any credential setting with this prefix is given (the console falls back to the sidecar's). */
export function hasEtcdCredentialSettings(env: Environment, prefix: string): boolean {
  return SUFFIXES.some((suffix) => (env[`${prefix}_${suffix}`]?.trim() ?? '') !== '');
}

/**
 * Reads PREFIX_CA, PREFIX_CERT, PREFIX_KEY (PEM files), PREFIX_USERNAME and PREFIX_PASSWORD (or
 * PREFIX_PASSWORD_FILE): the console's SHIPYARD_ETCD_* or the sidecar's IPAM_ETCD_*. One problem
 * per wrong value; `endpoints` (when known) must be https:// once TLS is configured.
 */
export function parseEtcdCredentials(
  env: Environment,
  prefix: string,
  endpoints: readonly string[] | null,
): { credentials: EtcdCredentials; problems: string[] } {
  const problems: string[] = [];
  const pem = (suffix: 'CA' | 'CERT' | 'KEY') => {
    const read = readPemSetting(env, `${prefix}_${suffix}`, suffix === 'KEY' ? 'private key' : 'certificate');
    if (!read.ok) problems.push(read.problem);
    return read.ok ? (read.pem ?? null) : null;
  };
  const ca = pem('CA');
  const cert = pem('CERT');
  const key = pem('KEY');
  const certGiven = (env[`${prefix}_CERT`]?.trim() ?? '') !== '';
  const keyGiven = (env[`${prefix}_KEY`]?.trim() ?? '') !== '';
  if (certGiven !== keyGiven) {
    problems.push(`${prefix}_${certGiven ? 'CERT' : 'KEY'}: set ${prefix}_${certGiven ? 'KEY' : 'CERT'} too (a client certificate needs its private key)`);
  }

  const username = env[`${prefix}_USERNAME`]?.trim() ?? '';
  const password = readSecretSetting(env, `${prefix}_PASSWORD`);
  if (!password.ok) problems.push(password.problem);
  const passwordGiven = password.ok && password.value !== undefined;
  if (username !== '' && password.ok && !passwordGiven) problems.push(`${prefix}_USERNAME: set ${prefix}_PASSWORD or ${prefix}_PASSWORD_FILE too`);
  if (username === '' && passwordGiven) problems.push(`${prefix}_PASSWORD: set ${prefix}_USERNAME too (the etcd user it belongs to)`);

  const tlsGiven = (env[`${prefix}_CA`]?.trim() ?? '') !== '' || certGiven || keyGiven;
  const plain = endpoints?.filter((endpoint) => endpoint.startsWith('http://')) ?? [];
  if (tlsGiven && plain.length > 0) {
    problems.push(`${prefix}_CA/CERT/KEY are set but ${plain.join(', ')} is plain http://: write https:// to use TLS`);
  }

  const tls = tlsGiven ? { ca, cert, key } : null;
  const auth = username !== '' && password.ok && password.value !== undefined ? { username, password: password.value } : null;
  return { credentials: { tls, auth }, problems };
}
