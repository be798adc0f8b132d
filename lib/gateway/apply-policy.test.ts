import { describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session-user';
import { ENGINE, FakeResolver, hex64 } from '@/lib/policy/testing/fake-resolver';
import { applyPolicy, policyReadsBody } from './apply-policy';

const user = (role: SessionUser['role']): SessionUser => ({ id: 'id', username: 'u', role, mustChangePassword: false, grants: [], credential: { kind: 'token', tokenId: 't', readOnly: false } });
const context = { policyResolver: new FakeResolver(ENGINE), upstream: { url: 'unix:///engine.sock' } };
const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe("the gateway's call through the policy", () => {
  it('forwards what the policy rebuilt: the version, ids for names, the decoded body with its own Content-Type', async () => {
    const forward = await applyPolicy(context, user('operator'), 'POST', '/containers/web/exec', '/containers/web/exec', body({ cmd: ['sh'] }));
    expect(forward.url).toBe(`/v1.41/containers/${hex64('1f')}/exec`);
    expect(forward.contentType).toBe('application/json');
    expect(JSON.parse(forward.body?.toString() ?? '')).toEqual({ Cmd: ['sh'] });
  });

  it("forwards a read that enters no container with the caller's own reference, in the scope it asked", async () => {
    const forward = await applyPolicy(context, user('operator'), 'GET', '/v1.41/networks/host?scope=swarm', '/networks/host', Buffer.alloc(0));
    expect(forward.url).toBe('/v1.41/networks/host?scope=swarm');
    const files = await applyPolicy(context, user('operator'), 'GET', '/v1.41/containers/web/archive?path=/etc', '/containers/web/archive', Buffer.alloc(0));
    expect(files.url).toBe(`/v1.41/containers/${hex64('1f')}/archive?path=%2Fetc`);
  });

  it("streams an admin's body as sent, and refuses with the policy's status and the field it names", async () => {
    expect(await applyPolicy(context, user('admin'), 'POST', '/containers/create', '/containers/create', null)).toEqual({ url: '/v1.41/containers/create', body: null });
    await expect(applyPolicy(context, user('operator'), 'POST', '/v1.23/containers/create', '/containers/create', body({}))).rejects.toMatchObject({ status: 400 });
    await expect(applyPolicy(context, user('operator'), 'POST', '/containers/rooted/exec', '/containers/rooted/exec', body({ Cmd: ['sh'] }))).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/^Shipyard refuses path\.container: /) as unknown,
    });
  });

  it("reads a non-admin's body before deciding, except a tar stream to a container's files", () => {
    expect(policyReadsBody(user('operator'), 'POST', '/containers/create')).toBe(true);
    expect(policyReadsBody(user('operator'), 'GET', '/containers/json')).toBe(true);
    expect(policyReadsBody(user('operator'), 'PUT', '/containers/web/archive')).toBe(false);
    expect(policyReadsBody(user('admin'), 'POST', '/containers/create')).toBe(false);
  });
});
