import { describe, expect, it } from 'vitest';
import { redirectTarget } from './redirect-target';

describe('redirectTarget', () => {
  it('keeps a path relative: the browser stays on the origin it used', () => {
    expect(redirectTarget('/containers?x=1', 'http://0.0.0.0:8080', null)).toBe('/containers?x=1');
  });

  it("turns the server's own address (the bind address) into a path", () => {
    expect(redirectTarget('http://0.0.0.0:8080/', 'http://0.0.0.0:8080', null)).toBe('/');
    expect(redirectTarget('https://localhost:8080/networks#top', 'https://localhost:8080', null)).toBe('/networks#top');
  });

  it('turns the public origin into a path too, and refuses other sites and protocol-relative URLs', () => {
    expect(redirectTarget('https://shipyard.example.com/ipam', 'http://0.0.0.0:8080', 'https://shipyard.example.com')).toBe('/ipam');
    expect(redirectTarget('https://evil.example/', 'http://0.0.0.0:8080', 'https://shipyard.example.com')).toBe('/');
    expect(redirectTarget('//evil.example/', 'http://0.0.0.0:8080', null)).toBe('/');
    expect(redirectTarget('not a url', 'http://0.0.0.0:8080', null)).toBe('/');
  });
});
