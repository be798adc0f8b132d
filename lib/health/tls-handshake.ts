import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';

const HANDSHAKE_TIMEOUT_MS = 2_000;
// TLS 1.3 servers refuse a client certificate after the client's side of the handshake is done.
const LATE_ALERT_MS = 300;

export type Handshake = { ok: true } | { ok: false; reason: string; code: string };

/** OpenSSL's messages run over several lines of source locations: keep the words. */
function shortReason(message: string): string {
  const alert = /alert ([a-z ]+?)(?::|$)/i.exec(message);
  if (alert?.[1]) return `TLS alert "${alert[1].replace(/^sslv3 |^tlsv1 /, '').trim()}"`;
  return (message.split('\n')[0] ?? message).trim();
}

/** One TLS handshake with these options: how a store's client would fare, in words. */
export function tlsHandshake(options: ConnectionOptions): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = tlsConnect(options);
    let settled = false;
    const finish = (result: Handshake) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    let connected = false;
    socket.once('connect', () => (connected = true));
    // Connected but silent: a plain server waiting for its own protocol's first bytes.
    const timer = setTimeout(
      () => finish({ ok: false, reason: `no TLS answer within ${HANDSHAKE_TIMEOUT_MS} ms`, code: connected ? 'TLS_SILENT' : 'TIMEOUT' }),
      HANDSHAKE_TIMEOUT_MS,
    );
    socket.once('secureConnect', () => setTimeout(() => finish({ ok: true }), LATE_ALERT_MS));
    // on, not once: a late alert can be followed by a reset, which must not go unheard.
    socket.on('error', (error: Error & { code?: string }) => finish({ ok: false, reason: shortReason(error.message), code: error.code ?? '' }));
  });
}

/** Codes of a server that is simply not there: not a TLS problem to explain. */
export function isUnreachable(code: string): boolean {
  return ['ECONNREFUSED', 'TIMEOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(code);
}

export function isUntrusted(code: string): boolean {
  return /SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY|CERT_UNTRUSTED/.test(code);
}

export function isPlainServer(result: { reason: string; code: string }): boolean {
  return result.code === 'TLS_SILENT' || /wrong version number|packet length too long|unexpected eof|disconnected before secure TLS/i.test(result.reason);
}
