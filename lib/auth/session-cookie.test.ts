import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './same-origin';
import { readSessionCookie } from './session-cookie';

const SECRET = 'a-test-secret-a-test-secret-a-test-secret';

async function cookie(name: string, secret = SECRET, claims: Record<string, unknown> = { sub: 'account-1', signedInAt: 1_700_000_000_000 }) {
  return `${name}=${await encode({ token: claims, secret, salt: name })}`;
}

describe('readSessionCookie', () => {
  it('reads the account id and sign-in time from either cookie name, among other cookies', async () => {
    expect(await readSessionCookie(`theme=dark; ${await cookie('authjs.session-token')}; x=1`, SECRET)).toEqual({ id: 'account-1', signedInAt: 1_700_000_000_000 });
    expect(await readSessionCookie(await cookie('__Secure-authjs.session-token'), SECRET)).toEqual({ id: 'account-1', signedInAt: 1_700_000_000_000 });
  });

  it('refuses a cookie sealed with another secret or another name, garbage, a token without an account, and no cookie', async () => {
    expect(await readSessionCookie(await cookie('authjs.session-token', 'another-secret-another-secret-another'), SECRET)).toBeNull();
    const sealedForOtherName = (await cookie('other-name')).replace('other-name', 'authjs.session-token');
    expect(await readSessionCookie(sealedForOtherName, SECRET)).toBeNull();
    expect(await readSessionCookie('authjs.session-token=not-a-jwt', SECRET)).toBeNull();
    expect(await readSessionCookie(await cookie('authjs.session-token', SECRET, { signedInAt: 1 }), SECRET)).toBeNull();
    expect(await readSessionCookie(null, SECRET)).toBeNull();
  });
});

describe('isSameOrigin', () => {
  it('accepts no Origin (not a browser) and this host; refuses another host and a malformed Origin', () => {
    expect(isSameOrigin(new Headers({ host: 'console:8080' }))).toBe(true);
    expect(isSameOrigin(new Headers({ host: 'console:8080', origin: 'http://console:8080' }))).toBe(true);
    expect(isSameOrigin(new Headers({ host: 'inside:8080', 'x-forwarded-host': 'console.example', origin: 'https://console.example' }))).toBe(true);
    expect(isSameOrigin(new Headers({ host: 'console:8080', origin: 'http://evil.example' }))).toBe(false);
    expect(isSameOrigin(new Headers({ host: 'console:8080', origin: 'null' }))).toBe(false);
  });
});
