import type { IncomingHttpHeaders } from 'node:http';

/**
 * What a proxy says about the address the browser used (X-Forwarded-Host, -Proto, -Port,
 * Forwarded) decides which origin counts as this console's own (the cross-site check) and the
 * session cookie's name, so it is believed only from a trusted proxy. Without
 * SHIPYARD_TRUST_PROXY this drops what a client sent: Next then writes its own from the Host
 * header and the socket, and the WebSocket handshake reads Host.
 */
export function dropUntrustedForwardedOrigin(headers: IncomingHttpHeaders, trustedProxies: number): void {
  if (trustedProxies > 0) return;
  delete headers['x-forwarded-host'];
  delete headers['x-forwarded-proto'];
  delete headers['x-forwarded-port'];
  delete headers.forwarded;
}
