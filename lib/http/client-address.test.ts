import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '@/lib/config/trust-proxy';
import { CLIENT_ADDRESS_HEADER, clientAddress, resolveClientAddress, socketAddress, stampClientAddress } from './client-address';

describe("the caller's address", () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('198.51.100.4', '203.0.113.9', 0)).toBe('198.51.100.4');
    expect(resolveClientAddress('198.51.100.4', undefined, 1)).toBe('198.51.100.4');
  });

  it('with trusted proxies, is the entry just before them: what the caller wrote itself is ignored', () => {
    // One proxy (the peer) appended the address it saw; "1.1.1.1" is what the caller sent.
    expect(resolveClientAddress('10.0.0.2', '1.1.1.1, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(resolveClientAddress('10.0.0.2', ['1.1.1.1', '203.0.113.9'], 1)).toBe('203.0.113.9');
    // Two proxies: the nearer one's address is the last entry.
    expect(resolveClientAddress('10.0.0.3', '1.1.1.1, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
    // Fewer entries than proxies: the first there is.
    expect(resolveClientAddress('10.0.0.2', '203.0.113.9', 3)).toBe('203.0.113.9');
    expect(resolveClientAddress('10.0.0.2', '2001:db8::1', 1)).toBe('2001:db8::1');
  });

  it('is never something that is not an IP address', () => {
    expect(resolveClientAddress('10.0.0.2', "x'); DROP TABLE events", 1)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', '', 1)).toBe('10.0.0.2');
  });

  it('writes IPv4-mapped peers as IPv4', () => {
    expect(socketAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(socketAddress('::1')).toBe('::1');
    expect(socketAddress(undefined)).toBe('unknown');
  });

  it("overwrites a stamp the client sent, and handlers read only the stamp (never X-Forwarded-For)", () => {
    const request = {
      socket: { remoteAddress: '::ffff:192.0.2.7' },
      headers: { [CLIENT_ADDRESS_HEADER]: '6.6.6.6', 'x-forwarded-for': '203.0.113.9' },
    } as unknown as IncomingMessage;
    expect(stampClientAddress(request, 0)).toBe('192.0.2.7');
    expect(request.headers[CLIENT_ADDRESS_HEADER]).toBe('192.0.2.7');
    expect(stampClientAddress(request, 1)).toBe('203.0.113.9');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.9' }))).toBe('direct');
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: '192.0.2.7' }))).toBe('192.0.2.7');
  });
});

describe('SHIPYARD_TRUST_PROXY', () => {
  it('is off by default, true is one proxy, a count up to 10 is that many; anything else says what to write', () => {
    for (const off of [undefined, '', 'false', 'OFF', 'no', '0']) expect(parseTrustProxy(off)).toBe(0);
    for (const one of ['true', 'on', 'Yes', '1']) expect(parseTrustProxy(one)).toBe(1);
    expect(parseTrustProxy(' 3 ')).toBe(3);
    for (const bad of ['11', '-1', 'maybe', '1.5']) expect(parseTrustProxy(bad)).toMatch(/is not a number of proxies: use false/);
  });
});
