// Secrets and configs: admin-only by default, open to an account an admin granted the secrets
// area (read: list and inspect; write: create, update, remove, and attach to a service).
import { describe, expect, it } from 'vitest';
import type { Role } from '@/prisma-free-db/schemas/account';
import { evaluateEngineRequest } from './evaluate';
import { FakeResolver, ENGINE } from './testing/fake-resolver';
import type { PolicyDecision } from './types';

function decideAs(role: Role, grants: readonly string[], method: string, path: string, body?: unknown): Promise<PolicyDecision> {
  const rawBody = body === undefined ? undefined : JSON.stringify(body);
  return evaluateEngineRequest({ method, path, body, ...(rawBody === undefined ? {} : { rawBody }) }, { role, grants }, new FakeResolver(ENGINE));
}

const service = (containerSpec: Record<string, unknown>) => ({ Name: 'api', TaskTemplate: { ContainerSpec: { Image: 'busybox:local', ...containerSpec } } });
const secretRef = { SecretID: 'sid', SecretName: 'db', File: { Name: 'db', UID: '0', GID: '0', Mode: 292 } };
const configRef = { ConfigID: 'cid', ConfigName: 'app', File: { Name: '/etc/app.conf', UID: '0', GID: '0', Mode: 292 } };

describe('secrets and configs for a granted account', () => {
  for (const kind of ['secrets', 'configs']) {
    it(`refuses ${kind} to a plain operator and viewer, naming the grant`, async () => {
      for (const role of ['operator', 'viewer'] as const) {
        for (const [method, path, body] of [
          ['GET', `/v1.41/${kind}`, undefined],
          ['GET', `/v1.41/${kind}/x`, undefined],
          ['POST', `/v1.41/${kind}/create`, { Name: 'x', Data: 'eA==' }],
          ['DELETE', `/v1.41/${kind}/x`, undefined],
        ] as const) {
          const decision = await decideAs(role, [], method, path, body);
          expect(decision, `${role} ${method} ${path}`).toMatchObject({ allow: false, status: 403, field: 'path' });
          expect(decision.allow ? '' : decision.reason).toContain('secrets:');
        }
      }
    });

    it(`lets an operator granted secrets:write create, list and remove ${kind}, the body forwarded as checked`, async () => {
      const created = await decideAs('operator', ['secrets:write'], 'POST', `/${kind}/create`, { name: 'x', Data: 'eA==', Labels: { a: 'b' } });
      expect(created).toMatchObject({ allow: true, request: { path: `/v1.41/${kind}/create`, body: { Name: 'x', Data: 'eA==', Labels: { a: 'b' } }, contentType: 'application/json' } });
      expect((await decideAs('operator', ['secrets:write'], 'GET', `/${kind}?filters=%7B%7D`)).allow).toBe(true);
      expect((await decideAs('operator', ['secrets:write'], 'DELETE', `/${kind}/x`)).allow).toBe(true);
    });

    it(`keeps a read grant to reads of ${kind}`, async () => {
      expect((await decideAs('viewer', ['secrets:read'], 'GET', `/${kind}`)).allow).toBe(true);
      expect(await decideAs('viewer', ['secrets:read'], 'POST', `/${kind}/create`, { Name: 'x', Data: 'eA==' })).toMatchObject({ allow: false, status: 403, field: 'path' });
    });

    it(`keeps the templating driver (a plugin) of ${kind} for admins, even when granted`, async () => {
      const body = { Name: 'x', Data: 'eA==', Templating: { Name: 'golang' } };
      expect(await decideAs('operator', ['secrets:write'], 'POST', `/${kind}/create`, body)).toMatchObject({ allow: false, field: 'Templating' });
      expect((await decideAs('admin', [], 'POST', `/${kind}/create`, body)).allow).toBe(true);
    });
  }

  it('refuses a secrets driver (an external store plugin) even to a granted account', async () => {
    expect(await decideAs('operator', ['secrets:write'], 'POST', '/secrets/create', { Name: 'x', Driver: { Name: 'vault' } })).toMatchObject({ allow: false, field: 'Driver' });
  });

  it('refuses a service that mounts a secret or config to a plain operator, and to a read grant (attaching is reading)', async () => {
    for (const grants of [[], ['secrets:read'], ['swarm:write']]) {
      expect(await decideAs('operator', grants, 'POST', '/services/create', service({ Secrets: [secretRef] }))).toMatchObject({ allow: false, status: 403, field: 'TaskTemplate.ContainerSpec.Secrets' });
      expect(await decideAs('operator', grants, 'POST', '/services/create', service({ Configs: [configRef] }))).toMatchObject({ allow: false, status: 403, field: 'TaskTemplate.ContainerSpec.Configs' });
    }
  });

  it('lets an operator granted secrets:write attach secrets and configs, each reference checked field by field', async () => {
    const decision = await decideAs('operator', ['secrets:write'], 'POST', '/services/create', service({ secrets: [secretRef], Configs: [configRef] }));
    expect(decision).toMatchObject({ allow: true, request: { body: { TaskTemplate: { ContainerSpec: { Secrets: [secretRef], Configs: [configRef] } } } } });
    expect(await decideAs('operator', ['secrets:write'], 'POST', '/services/create', service({ Secrets: [{ ...secretRef, Extra: 'x' }] }))).toMatchObject({ allow: false, field: 'TaskTemplate.ContainerSpec.Secrets[0].Extra' });
    expect(await decideAs('operator', ['secrets:write'], 'POST', '/services/create', service({ Configs: [{ ...configRef, Runtime: { x: 1 } }] }))).toMatchObject({ allow: false, field: 'TaskTemplate.ContainerSpec.Configs[0].Runtime' });
  });

  it('still refuses an empty-handed grant the rest of what is admin-only in a service', async () => {
    expect(await decideAs('operator', ['secrets:write'], 'POST', '/services/create', service({ CapabilityAdd: ['SYS_ADMIN'] }))).toMatchObject({ allow: false, field: 'TaskTemplate.ContainerSpec.CapabilityAdd[0]' });
  });
});
