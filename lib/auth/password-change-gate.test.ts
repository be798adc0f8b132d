import { describe, expect, it } from 'vitest';
import { PasswordChangeRequiredError } from './auth-errors';
import { assertPasswordChangedFor, restCallOf } from './password-change-gate';
import type { SessionUser } from './session-user';

const user = (mustChangePassword: boolean): SessionUser => ({ id: 'a', username: 'alice', role: 'admin', mustChangePassword, credential: { kind: 'session' } });
const request = (method: string, path: string) => new Request(`http://console.test${path}`, { method });

describe('the rule for an account that must change its password', () => {
  it('lets through only who-am-I and the password change', () => {
    for (const [method, path] of [['GET', '/api/v1/me'], ['HEAD', '/api/v1/me/'], ['POST', '/api/v1/account/password']] as const) {
      expect(() => assertPasswordChangedFor(user(true), restCallOf(request(method, path)))).not.toThrow();
    }
    for (const [method, path] of [['GET', '/api/v1/containers'], ['POST', '/api/v1/tokens'], ['GET', '/api/v1/account/password'], ['POST', '/api/v1/me']] as const) {
      expect(() => assertPasswordChangedFor(user(true), restCallOf(request(method, path)))).toThrow(PasswordChangeRequiredError);
    }
    expect(() => assertPasswordChangedFor(user(true), null)).toThrow(/^Change your password first: /);
  });

  it('changes nothing for an account that need not', () => {
    expect(() => assertPasswordChangedFor(user(false), restCallOf(request('DELETE', '/api/v1/containers/x')))).not.toThrow();
    expect(() => assertPasswordChangedFor(user(false), null)).not.toThrow();
  });
});
