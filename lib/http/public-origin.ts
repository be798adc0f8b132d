import type { IncomingMessage } from 'node:http';

export interface PublicOriginSettings {
  /** SHIPYARD_PUBLIC_URL's origin, or null. */
  readonly publicUrl: string | null;
  /** SHIPYARD_TRUST_PROXY: proxies in front; above 0, their X-Forwarded-Host and -Proto are believed. */
  readonly trustProxy: number;
}

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  const entry = text?.split(',')[0]?.trim();
  return entry === '' ? undefined : entry;
}

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * Decides, before Next and next-auth see a request, which origin the browser used, and writes it
 * as Host, X-Forwarded-Host and X-Forwarded-Proto: every redirect, cookie flag (Secure) and
 * same-origin check is built on them. SHIPYARD_PUBLIC_URL wins; else a trusted proxy's
 * X-Forwarded-Host/-Proto; else the Host header over plain http, and forwarded headers a client
 * made up are dropped. The bind address is never used.
 */
export function applyPublicOrigin(request: Pick<IncomingMessage, 'headers'>, settings: PublicOriginSettings): { host: string; proto: 'http' | 'https' } {
  const { headers } = request;
  let host: string | undefined;
  let proto: string | undefined;
  if (settings.publicUrl !== null) {
    const url = new URL(settings.publicUrl);
    host = url.host;
    proto = url.protocol.slice(0, -1);
  } else if (settings.trustProxy > 0) {
    host = first(headers['x-forwarded-host']) ?? headers.host;
    proto = first(headers['x-forwarded-proto']);
  } else {
    host = headers.host;
  }
  if (host === undefined || !HOST.test(host)) host = headers.host && HOST.test(headers.host) ? headers.host : 'localhost';
  const scheme: 'http' | 'https' = proto === 'https' ? 'https' : 'http';
  headers.host = host;
  headers['x-forwarded-host'] = host;
  headers['x-forwarded-proto'] = scheme;
  const port = /:(\d+)$/.exec(host)?.[1];
  headers['x-forwarded-port'] = port ?? (scheme === 'https' ? '443' : '80');
  return { host, proto: scheme };
}
