import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { applyPublicOrigin } from './public-origin';

function request(headers: Record<string, string>): Pick<IncomingMessage, 'headers'> {
  return { headers: { ...headers } };
}

function seen(headers: Record<string, string>, settings: { publicUrl: string | null; trustProxy: number }) {
  const incoming = request(headers);
  applyPublicOrigin(incoming, settings);
  const { host, 'x-forwarded-host': forwardedHost, 'x-forwarded-proto': proto, 'x-forwarded-port': port } = incoming.headers;
  return { host, forwardedHost, proto, port };
}

describe('applyPublicOrigin', () => {
  it('SHIPYARD_PUBLIC_URL wins over every header', () => {
    expect(seen({ host: '0.0.0.0:8080', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' }, { publicUrl: 'https://shipyard.example.com', trustProxy: 0 })).toEqual({
      host: 'shipyard.example.com',
      forwardedHost: 'shipyard.example.com',
      proto: 'https',
      port: '443',
    });
  });

  it("a trusted proxy's X-Forwarded-Host and -Proto are believed (the first entry)", () => {
    expect(seen({ host: 'shipyard_console', 'x-forwarded-host': 'shipyard.test:8443, inner', 'x-forwarded-proto': 'https' }, { publicUrl: null, trustProxy: 1 })).toEqual({
      host: 'shipyard.test:8443',
      forwardedHost: 'shipyard.test:8443',
      proto: 'https',
      port: '8443',
    });
  });

  it('without a trusted proxy, forwarded headers a client sent are replaced by the Host header over http', () => {
    expect(seen({ host: 'console.lan:8080', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }, { publicUrl: null, trustProxy: 0 })).toEqual({
      host: 'console.lan:8080',
      forwardedHost: 'console.lan:8080',
      proto: 'http',
      port: '8080',
    });
  });

  it('a malformed host falls back to the Host header, never to a made-up one', () => {
    expect(seen({ host: 'console.lan', 'x-forwarded-host': 'bad host/with/slashes' }, { publicUrl: null, trustProxy: 1 }).host).toBe('console.lan');
  });
});
