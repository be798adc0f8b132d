import { describe, expect, it } from 'vitest';
import { generateApiToken, hashApiToken, readPresentedToken } from './api-token';

describe('API token secrets', () => {
  it('are random, prefixed, and stored as their SHA-256', () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a.secret).toMatch(/^shy_[A-Za-z0-9_-]{43}$/);
    expect(a.secret).not.toBe(b.secret);
    expect(a.hash).toBe(hashApiToken(a.secret));
    expect(a.hash).toMatch(/^[a-f0-9]{64}$/);
  });
});

describe('readPresentedToken', () => {
  const { secret } = generateApiToken();
  it('reads Bearer and X-Access-Token user:token', () => {
    expect(readPresentedToken(new Headers({ authorization: `Bearer ${secret}` }))).toEqual({ secret, username: null });
    expect(readPresentedToken(new Headers({ authorization: `bearer  ${secret} ` }))).toEqual({ secret, username: null });
    expect(readPresentedToken(new Headers({ 'x-access-token': `ops.bot:${secret}` }))).toEqual({ secret, username: 'ops.bot' });
  });

  it('is null without a header and malformed for anything else', () => {
    expect(readPresentedToken(new Headers())).toBeNull();
    const cases: Record<string, string>[] = [
      { authorization: 'Basic YWRtaW46c2hpcHlhcmQ=' },
      { authorization: 'Bearer' },
      { authorization: 'Bearer not-a-token' },
      { 'x-access-token': secret },
      { 'x-access-token': `:${secret}` },
      { 'x-access-token': 'admin:short' },
    ];
    for (const headers of cases) {
      expect(readPresentedToken(new Headers(headers))).toBe('malformed');
    }
  });
});
