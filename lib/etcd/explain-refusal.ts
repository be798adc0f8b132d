// etcd3 reports a failed TLS handshake as "14 UNAVAILABLE: No connection established": nothing an
// operator can act on. When a call fails, one TLS handshake of our own with the same settings
// names the actual fault (an untrusted certificate, a missing client certificate, TLS on one side
// only) in one line.
import type { EtcdCredentials } from '../config/etcd-credentials';
import { isPlainServer, isUnreachable, isUntrusted, tlsHandshake } from '../health/tls-handshake';

function hostAndPort(endpoint: string): { host: string; port: number } | null {
  try {
    const url = new URL(endpoint);
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 2379) };
  } catch {
    return null;
  }
}

/**
 * One line on why a TLS connection to `endpoint` fails with these settings, or null when the
 * handshake works or nothing answers (the fault is elsewhere: etcd down, a bad password...).
 * `variables`: the settings' prefix to name (SHIPYARD_ETCD, or the sidecar's IPAM_ETCD).
 */
export async function explainEtcdRefusal(endpoint: string, credentials: EtcdCredentials | undefined, variables = 'SHIPYARD_ETCD'): Promise<string | null> {
  const target = hostAndPort(endpoint);
  if (!target) return null;
  const tls = credentials?.tls ?? null;
  if (endpoint.startsWith('http://')) {
    // Plain gRPC to a TLS port fails without a word: ask whether the port speaks TLS.
    const probe = await tlsHandshake({ ...target, rejectUnauthorized: false, ALPNProtocols: ['h2'] });
    return probe.ok || /alert|certificate/i.test(probe.reason)
      ? `etcd at ${endpoint} speaks TLS: write https:// and set ${variables}_CA (and ${variables}_CERT/_KEY if it asks for a client certificate)`
      : null;
  }
  const result = await tlsHandshake({
    ...target,
    ALPNProtocols: ['h2'],
    ...(tls?.ca ? { ca: tls.ca } : {}),
    ...(tls?.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
    rejectUnauthorized: true,
  });
  if (result.ok || isUnreachable(result.code)) return null;
  const { code, reason } = result;
  if (isUntrusted(code)) {
    return `etcd at ${endpoint} presents a certificate not signed by ${tls?.ca ? `the CA in ${variables}_CA` : "the system's CAs"} (${reason}): set ${variables}_CA to the CA that signed etcd's certificate`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `etcd's certificate does not name ${target.host} (${reason}): use the host name the certificate was made for in the endpoint, or reissue it with that name`;
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return `etcd's certificate at ${endpoint} is not valid now (${reason}): renew it`;
  if (/certificate required|handshake failure|bad certificate|unknown ca/i.test(reason)) {
    return tls?.cert
      ? `etcd at ${endpoint} refused the client certificate in ${variables}_CERT (${reason}): it must be signed by the CA etcd's --trusted-ca-file names`
      : `etcd at ${endpoint} wants a client certificate (${reason}): set ${variables}_CERT and ${variables}_KEY`;
  }
  if (isPlainServer(result)) return `etcd at ${endpoint} does not speak TLS (${reason}): write http:// or start etcd with --cert-file/--key-file`;
  return `the TLS connection to etcd at ${endpoint} failed (${reason})`;
}
