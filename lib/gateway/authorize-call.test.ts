import { describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session-user';
import { matchGatewayRoute } from './allow-list';
import { refuseCall } from './authorize-call';

const user = (role: SessionUser['role'], readOnly = false, grants: SessionUser['grants'] = []): SessionUser => ({
  id: 'id',
  username: 'someone',
  role,
  mustChangePassword: false,
  grants,
  credential: { kind: 'token', tokenId: 't', readOnly },
});
const rule = (method: string, route: string) => {
  const match = matchGatewayRoute(method, route);
  if (!match) throw new Error(`${method} ${route} is not on the list`);
  return match.rule;
};

describe('refuseCall', () => {
  it("follows the console's roles and grants", () => {
    expect(refuseCall(user('viewer'), rule('GET', '/containers/json'), 'GET')).toBeNull();
    expect(refuseCall(user('viewer'), rule('POST', '/containers/create'), 'POST')).toBe(
      'This needs the containers:write permission, which your account (role viewer) does not have',
    );
    expect(refuseCall(user('viewer', false, ['containers:write']), rule('POST', '/containers/create'), 'POST')).toBeNull();
    expect(refuseCall(user('operator'), rule('POST', '/services/create'), 'POST')).toBeNull();
  });

  it('keeps secrets and configs from plain operators, and opens them to an account granted the secrets area', () => {
    expect(refuseCall(user('operator'), rule('GET', '/secrets'), 'GET')).toContain('This needs the secrets:read permission');
    expect(refuseCall(user('operator'), rule('POST', '/configs/create'), 'POST')).toContain('credentials and configuration');
    expect(refuseCall(user('operator', false, ['secrets:read']), rule('GET', '/secrets'), 'GET')).toBeNull();
    expect(refuseCall(user('operator', false, ['secrets:read']), rule('POST', '/secrets/create'), 'POST')).toContain('secrets:write');
    expect(refuseCall(user('operator', false, ['secrets:write']), rule('DELETE', '/secrets/{id}'.replace('{id}', 'x')), 'DELETE')).toBeNull();
  });

  it('keeps admin calls for admins', () => {
    expect(refuseCall(user('operator'), rule('GET', '/swarm'), 'GET')).toMatch(/^Only an admin may call GET \/swarm/);
    expect(refuseCall(user('admin'), rule('GET', '/swarm'), 'GET')).toBeNull();
  });

  it('lets a read-only token only read, even the writes that are GETs (attach over websocket, export)', () => {
    const readOnly = user('admin', true);
    expect(refuseCall(readOnly, rule('GET', '/containers/json'), 'GET')).toBeNull();
    expect(refuseCall(readOnly, rule('GET', '/_ping'), 'GET')).toBeNull();
    for (const [method, route] of [
      ['POST', '/containers/create'],
      ['GET', '/containers/x/export'],
      ['GET', '/containers/x/attach/ws'],
      ['POST', '/swarm/leave'],
    ] as const) {
      expect(refuseCall(readOnly, rule(method, route), method), route).toMatch(/^This API token is read-only/);
    }
  });
});
