import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { dropUntrustedForwardedOrigin } from './forwarded-host';

/**
 * The caller's address as the console's own HTTP server worked it out (lib/server/console-server.ts
 * and the upgrade dispatcher write it on every request, over any copy a client sent). Next's
 * route handlers do not see the socket, so they read it from here.
 */
export const CLIENT_ADDRESS_HEADER = 'x-shipyard-client-address';

/** A socket's peer address, an IPv4-mapped IPv6 address written as IPv4. */
export function socketAddress(remote: string | undefined): string {
  return (remote ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

/**
 * Who called: the socket's peer, unless `trustedProxies` proxies stand in front
 * (SHIPYARD_TRUST_PROXY). Each proxy appends the address it saw to X-Forwarded-For, so the
 * caller is the entry just before the trusted ones; what is left of it came from the caller and
 * is never believed. An entry that is not an IP address leaves the peer's address.
 */
export function resolveClientAddress(peer: string, forwardedFor: string | readonly string[] | undefined, trustedProxies: number): string {
  if (trustedProxies <= 0 || forwardedFor === undefined) return peer;
  const hops = (typeof forwardedFor === 'string' ? [forwardedFor] : forwardedFor)
    .flatMap((value) => value.split(','))
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...hops, peer];
  const caller = chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? peer;
  return isIP(caller) ? caller : peer;
}

/**
 * Works out a request's caller and writes it into CLIENT_ADDRESS_HEADER for the handlers after;
 * without trusted proxies, the forwarded host and scheme a client sent go (lib/http/forwarded-host.ts).
 */
export function stampClientAddress(request: IncomingMessage, trustedProxies: number): string {
  const address = resolveClientAddress(socketAddress(request.socket.remoteAddress), request.headers['x-forwarded-for'], trustedProxies);
  request.headers[CLIENT_ADDRESS_HEADER] = address;
  dropUntrustedForwardedOrigin(request.headers, trustedProxies);
  return address;
}

/**
 * The caller's address for the audit log and the rate limits. X-Forwarded-For is not read here:
 * only the server's stamp counts ("direct" where the console runs without its own server, as
 * under `next dev`).
 */
export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER)?.trim() || 'direct';
}
