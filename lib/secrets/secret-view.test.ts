import { describe, expect, it } from 'vitest';
import { toConfigView, toSecretView, usersById, type MountingService } from './secret-view';

type Mounts = { Secrets?: { SecretID?: string }[]; Configs?: { ConfigID?: string }[] };
const service = (name: string, spec: Mounts): MountingService => ({ ID: `${name}-id`, Spec: { Name: name, TaskTemplate: { ContainerSpec: spec } } });

describe('secret and config views', () => {
  it('names the services mounting each secret or config, once each', () => {
    const services = [
      service('api', { Secrets: [{ SecretID: 's1' }, { SecretID: 's1' }], Configs: [{ ConfigID: 'c1' }] }),
      service('worker', { Secrets: [{ SecretID: 's1' }, { SecretID: 's2' }] }),
      service('plain', {}),
    ];
    expect(usersById(services, 'secrets')).toEqual(new Map([['s1', ['api', 'worker']], ['s2', ['worker']]]));
    expect(usersById(services, 'configs')).toEqual(new Map([['c1', ['api']]]));
  });

  it("keeps a secret's view to its metadata, whatever the engine sent", () => {
    const view = toSecretView({ ID: 'x1', CreatedAt: '2026-12-02T04:00:00Z', Spec: { Name: 'db', Labels: { a: 'b' }, Data: 'c2VjcmV0' } }, ['api']);
    expect(view).toEqual({ id: 'x1', name: 'db', createdAt: '2026-12-02T04:00:00Z', updatedAt: '', labels: { a: 'b' }, usedBy: ['api'] });
    expect(JSON.stringify(view)).not.toContain('c2VjcmV0');
  });

  it("shows a config's data as text, or says it is binary", () => {
    expect(toConfigView({ ID: 'c', Spec: { Name: 'app', Data: Buffer.from('port=80\n').toString('base64') } }, []).data).toBe('port=80\n');
    expect(toConfigView({ ID: 'c', Spec: { Name: 'bin', Data: Buffer.from([0xff, 0xfe, 0x00]).toString('base64') } }, []).data).toBeNull();
  });
});
