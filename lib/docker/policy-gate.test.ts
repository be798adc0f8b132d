// The console's policy gate over a fake engine (its look-ups answered from a table).
import { describe, expect, it, vi } from 'vitest';
import type { EngineRequest } from './engine-request';
import { policyGate } from './policy-gate';
import { PolicyRefusedError } from './policy-refusal';

const WEB_ID = 'a'.repeat(64);
const ENGINE: Record<string, unknown> = {
  [`/v1.41/containers/web/json`]: { Id: WEB_ID, Name: '/web', HostConfig: { NetworkMode: 'default' }, Mounts: [] },
};

function fakeLookup() {
  return vi.fn(async (path: string) => (path in ENGINE ? { status: 200, body: ENGINE[path] } : { status: 404, body: { message: 'no such object' } }));
}

const request = (method: string, path: string, body?: unknown): EngineRequest => ({ engine: 'tcp://engine:2375', method, path, query: {}, body, hijack: false, upload: false });
const privileged = request('POST', '/containers/create?name=x', { Image: 'busybox', HostConfig: { Privileged: true } });

describe('the console policy gate', () => {
  it('passes the console\'s own work as it is, without a look-up', async () => {
    const lookup = fakeLookup();
    await expect(policyGate(privileged, { system: 'engine-discovery' }, lookup)).resolves.toBeUndefined();
    expect(lookup).not.toHaveBeenCalled();
  });

  it('refuses a non-admin with a 403 naming the field, and sends nothing', async () => {
    const refusal = await Promise.resolve(policyGate(privileged, { username: 'otto', role: 'operator' }, fakeLookup())).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PolicyRefusedError);
    expect(refusal).toMatchObject({ code: 'FORBIDDEN', status: 403, field: 'HostConfig.Privileged', message: expect.stringContaining('Shipyard refuses HostConfig.Privileged') });
    await expect(policyGate(privileged, { username: 'vic', role: 'viewer' }, fakeLookup())).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('forwards a non-admin\'s request as checked: the pinned version and the full id for the name', async () => {
    const forwarded = await policyGate(request('POST', '/containers/web/start'), { username: 'otto', role: 'operator' }, fakeLookup());
    expect(forwarded).toEqual({ path: `/v1.41/containers/${WEB_ID}/start`, body: undefined });
  });

  it('sends a read that enters no container as dockerode built it (a swarm-scoped name stays a name)', async () => {
    const lookup = vi.fn(async () => ({ status: 200, body: { Id: 'b'.repeat(64), Name: 'ingress', Driver: 'overlay', Options: null } }));
    await expect(policyGate(request('GET', '/networks/ingress?scope=swarm'), { username: 'otto', role: 'operator' }, lookup)).resolves.toBeUndefined();
  });

  it('lets an admin through as built, still refusing an endpoint the engine does not have', async () => {
    await expect(policyGate(privileged, { username: 'ada', role: 'admin' }, fakeLookup())).resolves.toBeUndefined();
    await expect(policyGate(request('GET', '/v1.12/containers/json'), { username: 'ada', role: 'admin' }, fakeLookup())).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('sends nothing when the engine cannot be asked about a reference', async () => {
    const away = vi.fn(async () => {
      throw new Error('connect ECONNREFUSED /var/run/docker.sock');
    });
    const refusal = await Promise.resolve(policyGate(request('POST', '/containers/web/start'), { username: 'otto', role: 'operator' }, away)).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'DOCKER_UNAVAILABLE' });
    expect((refusal as Error).message).not.toContain('docker.sock');
  });

  it('weighs the caller\'s grants: a plain operator may not list secrets, one granted secrets:read may', async () => {
    const list = request('GET', '/secrets');
    await expect(policyGate(list, { username: 'otto', role: 'operator' }, fakeLookup())).rejects.toMatchObject({ code: 'FORBIDDEN', field: 'path' });
    await expect(policyGate(list, { username: 'gina', role: 'operator', grants: ['secrets:read'] }, fakeLookup())).resolves.toBeUndefined();
    const create = request('POST', '/secrets/create', { Name: 'x', Data: 'eA==' });
    await expect(policyGate(create, { username: 'gina', role: 'operator', grants: ['secrets:read'] }, fakeLookup())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(policyGate(create, { username: 'gina', role: 'operator', grants: ['secrets:write'] }, fakeLookup())).resolves.toEqual({ path: '/v1.41/secrets/create', body: { Name: 'x', Data: 'eA==' } });
  });
});
