import { describe, expect, it, vi } from 'vitest';
import type { EngineCaller } from '@/lib/docker/engine-request';
import type { SwarmObjectJson, SwarmObjectKind } from '@/lib/docker/volume-secret-shapes';
import { attachmentSchema, configViews, resolveAttachments, secretViews, type AttachmentLookup } from './service-attachments';
import { createServiceSchema } from './service-schema';
import { createSpecOf } from './service-spec';

function fakeClient(caller: EngineCaller) {
  const listSwarmObjects = vi.fn(async (kind: SwarmObjectKind): Promise<SwarmObjectJson[]> => (kind === 'secrets' ? [{ ID: 'sid', Spec: { Name: 'db' } }] : [{ ID: 'cid', Spec: { Name: 'app' } }]));
  return { caller, listSwarmObjects } satisfies AttachmentLookup;
}

describe('service secrets and configs', () => {
  it('resolves names to ids and writes the files with owner and octal mode', async () => {
    const docker = fakeClient({ username: 'gina', role: 'operator', grants: ['secrets:write'] });
    const resolved = await resolveAttachments(docker, { secrets: [attachmentSchema.parse({ name: 'db', target: 'x', mode: '0400' })], configs: [attachmentSchema.parse({ name: 'app' })] });
    expect(resolved).toEqual({
      secrets: [{ SecretID: 'sid', SecretName: 'db', File: { Name: 'x', UID: '0', GID: '0', Mode: 0o400 } }],
      configs: [{ ConfigID: 'cid', ConfigName: 'app', File: { Name: '/app', UID: '0', GID: '0', Mode: 0o444 } }],
    });
    const spec = createSpecOf(createServiceSchema.parse({ name: 'api', image: 'busybox:local' }), resolved);
    expect(spec.TaskTemplate?.ContainerSpec).toMatchObject({ Secrets: resolved.secrets, Configs: resolved.configs });
    expect(secretViews(resolved.secrets)).toEqual([{ name: 'db', id: 'sid', target: 'x', uid: '0', gid: '0', mode: '0400' }]);
    expect(configViews(resolved.configs)[0]?.mode).toBe('0444');
  });

  it('refuses an operator without secrets:write before any look-up, and names an unknown secret', async () => {
    const plain = fakeClient({ username: 'otto', role: 'operator' });
    await expect(resolveAttachments(plain, { secrets: [attachmentSchema.parse({ name: 'db' })] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(plain.listSwarmObjects).not.toHaveBeenCalled();
    expect(await resolveAttachments(plain, {})).toEqual({});
    const granted = fakeClient({ username: 'gina', role: 'operator', grants: ['secrets:write'] });
    await expect(resolveAttachments(granted, { secrets: [attachmentSchema.parse({ name: 'nope' })] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'secrets.0.name' }] });
  });

  it('checks the file fields', () => {
    expect(attachmentSchema.safeParse({ name: 'db', mode: '999' }).success).toBe(false);
    expect(attachmentSchema.safeParse({ name: 'db', target: '../etc/passwd' }).success).toBe(false);
    expect(attachmentSchema.safeParse({ name: 'db', uid: 'root' }).success).toBe(false);
  });
});
