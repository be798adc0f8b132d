import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isSameOrigin } from '@/lib/auth/same-origin';
import { dropUntrustedForwardedOrigin } from './forwarded-host';

const spoofed = (): IncomingHttpHeaders => ({
  host: 'console:8080',
  origin: 'https://evil.example',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-forwarded-port': '443',
  forwarded: 'host=evil.example;proto=https',
});

function asHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) if (typeof value === 'string') headers.set(name, value);
  return headers;
}

describe('the forwarded host and scheme', () => {
  it('are dropped without SHIPYARD_TRUST_PROXY, so a sent X-Forwarded-Host cannot pass the Origin check', () => {
    const headers = spoofed();
    dropUntrustedForwardedOrigin(headers, 0);
    expect(headers).toEqual({ host: 'console:8080', origin: 'https://evil.example' });
    expect(isSameOrigin(asHeaders(headers))).toBe(false);
  });

  it('are kept behind a trusted proxy', () => {
    const headers = spoofed();
    dropUntrustedForwardedOrigin(headers, 1);
    expect(headers['x-forwarded-host']).toBe('evil.example');
    expect(isSameOrigin(asHeaders(headers))).toBe(true);
  });
});
