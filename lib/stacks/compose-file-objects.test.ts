import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors/app-error';
import { ComposeFileError } from './compose-error';
import { givenFileContents } from './compose-file-objects';
import { sealEnvFile, openEnvFile } from './stack-env-seal';
import { contentsOfFileObjects, withFileObjectIds } from './stack-file-objects';
import { requireSecretsGrant } from './stack-mutations';
import { planStack } from './stack-plan';
import { deriveRegistryKey, RegistryKeyMissingError } from '@/lib/registries/registry-key';

const FILE = `
services:
  db:
    image: postgres:16
    secrets:
      - db_password
      - source: api_key
        target: /run/keys/api
        uid: "70"
        gid: 70
        mode: 0440
    configs:
      - source: conf
        target: /etc/db.conf
  web:
    image: nginx:1.27
secrets:
  db_password:
    file: ./db_password.txt
    labels: [tier=db]
  api_key:
    external: true
    name: shared_api_key
configs:
  conf:
    file: conf/db.conf
`;

const refusal = (text: string): { path: string; message: string } => {
  try {
    planStack('shop', text);
  } catch (error) {
    if (error instanceof ComposeFileError) return { path: error.path, message: error.message };
    throw error;
  }
  throw new Error('not refused');
};

describe('compose secrets and configs as docker stack deploy converts them', () => {
  const plan = planStack('shop', FILE);

  it('names file-given objects <stack>_<key> with the stack label, external ones by their own name', () => {
    expect(plan.fileObjects).toEqual([
      { kind: 'secrets', key: 'api_key', name: 'shared_api_key', external: true, labels: { 'com.docker.stack.namespace': 'shop' } },
      { kind: 'secrets', key: 'db_password', name: 'shop_db_password', external: false, file: './db_password.txt', labels: { tier: 'db', 'com.docker.stack.namespace': 'shop' } },
      { kind: 'configs', key: 'conf', name: 'shop_conf', external: false, file: 'conf/db.conf', labels: { 'com.docker.stack.namespace': 'shop' } },
    ]);
  });

  it('gives each service its references with the CLI defaults (target = source, 0/0, 0444), long syntax as written (0440 octal), sorted by name', () => {
    const db = plan.services.find((service) => service.key === 'db')?.spec.TaskTemplate?.ContainerSpec;
    expect(db?.Secrets).toEqual([
      { File: { Name: '/run/keys/api', UID: '70', GID: '70', Mode: 0o440 }, SecretID: '', SecretName: 'shared_api_key' },
      { File: { Name: 'db_password', UID: '0', GID: '0', Mode: 0o444 }, SecretID: '', SecretName: 'shop_db_password' },
    ]);
    expect(db?.Configs).toEqual([{ File: { Name: '/etc/db.conf', UID: '0', GID: '0', Mode: 0o444 }, ConfigID: '', ConfigName: 'shop_conf' }]);
    expect(plan.services.find((service) => service.key === 'web')?.spec.TaskTemplate?.ContainerSpec).not.toHaveProperty('Secrets');
  });

  it('fills in the ids by name at deploy', () => {
    const db = plan.services.find((service) => service.key === 'db');
    const ids = new Map([['secrets:shop_db_password', 's1'], ['secrets:shared_api_key', 's2'], ['configs:shop_conf', 'c1']]);
    const container = db ? withFileObjectIds(db.spec, ids).TaskTemplate?.ContainerSpec : undefined;
    expect(container?.Secrets?.map((reference) => reference.SecretID)).toEqual(['s2', 's1']);
    expect(container?.Configs?.[0]?.ConfigID).toBe('c1');
  });

  it('refuses undeclared sources, unknown options, drivers and objects with neither file nor external', () => {
    expect(refusal('services:\n  a:\n    image: x\n    secrets: [nope]\n')).toMatchObject({ path: 'services.a.secrets[0]', message: expect.stringContaining('not declared') });
    expect(refusal('services:\n  a:\n    image: x\n    secrets: [{source: s, mode: "0999"}]\nsecrets:\n  s: {file: ./s}\n').path).toBe('services.a.secrets[0].mode');
    expect(refusal('services:\n  a:\n    image: x\nsecrets:\n  s: {driver: vault}\n').path).toBe('secrets.s.driver');
    expect(refusal('services:\n  a:\n    image: x\nconfigs:\n  c: {labels: [a=b]}\n').path).toBe('configs.c.file');
    expect(refusal('services:\n  a:\n    image: x\nsecrets:\n  s: {external: true, file: ./s}\n').path).toBe('secrets.s.file');
  });

  it('takes the contents given by path or base name, and names every missing file before anything is sent', () => {
    expect(givenFileContents({ 'db_password.txt': 'p' }, './db_password.txt')).toBe('p');
    expect(givenFileContents({ './conf/db.conf': 'c' }, 'conf/db.conf')).toBe('c');
    expect(givenFileContents({ 'a/x': '1', 'b/x': '2' }, './x')).toBeUndefined();
    const contents = contentsOfFileObjects(plan, { 'db_password.txt': 'hunter2', 'db.conf': 'max=1' });
    expect([...contents.values()]).toEqual(['hunter2', 'max=1']);
    let caught: unknown;
    try {
      contentsOfFileObjects(plan, { 'db.conf': 'max=1' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).fields).toEqual([{ path: 'secrets.db_password.file', message: 'give the contents of ./db_password.txt' }]);
    // A redeploy keeps the objects that exist: their files need not be given again.
    const existing = new Set(plan.fileObjects.filter((object) => object.key === 'db_password'));
    expect([...contentsOfFileObjects(plan, { 'db.conf': 'max=1' }, existing).values()]).toEqual(['max=1']);
  });
});

describe('requireSecretsGrant: a stack with secrets or configs needs secrets:write, said early', () => {
  const plan = planStack('shop', FILE);
  const refusedWith = (actor: { role: 'operator' | 'admin'; grants?: ('secrets:write' | 'secrets:read')[] }) => {
    try {
      requireSecretsGrant(plan, actor);
      return null;
    } catch (error) {
      return error as { code: string; message: string; fields: { path: string }[] };
    }
  };

  it('refuses an operator naming the service and field, lets a granted operator and an admin', () => {
    const refused = refusedWith({ role: 'operator' });
    expect(refused?.code).toBe('FORBIDDEN');
    expect(refused?.message).toMatch(/^Service db: .*secrets:write/);
    expect(refused?.fields).toEqual([{ path: 'services.db.secrets', message: 'needs secrets:write' }]);
    expect(refusedWith({ role: 'operator', grants: ['secrets:read'] })?.code).toBe('FORBIDDEN');
    expect(refusedWith({ role: 'operator', grants: ['secrets:write'] })).toBeNull();
    expect(refusedWith({ role: 'admin' })).toBeNull();
    expect(() => requireSecretsGrant(planStack('shop', 'services:\n  a:\n    image: x\n'), { role: 'operator' })).not.toThrow();
  });
});

describe('env files at rest: sealed with the registry key, not stored without one', () => {
  const ring = { current: deriveRegistryKey('k'.repeat(40)), old: null };
  const noKey = () => {
    throw new RegistryKeyMissingError('SHIPYARD_REGISTRY_KEY is not set');
  };

  it('seals, and opens again; the stored text does not hold the value', () => {
    const stored = sealEnvFile('PASSWORD=hunter2\n', () => ring);
    expect(stored.envFileSealed).toBe(true);
    expect(stored.envFile).not.toContain('hunter2');
    expect(openEnvFile({ envFile: stored.envFile, envFileSealed: stored.envFileSealed }, () => ring)).toEqual({ envFile: 'PASSWORD=hunter2\n' });
    expect(openEnvFile({ envFile: stored.envFile, envFileSealed: stored.envFileSealed }, noKey)).toEqual({ envFile: null, absence: 'key-missing' });
  });

  it('without a key keeps nothing and says so; no env file is none; an older clear one reads as it is', () => {
    expect(sealEnvFile('A=1', noKey)).toEqual({ envFile: null, envFileNotStored: true });
    expect(openEnvFile({ envFile: null, envFileNotStored: true }, noKey)).toEqual({ envFile: null, absence: 'not-stored' });
    expect(sealEnvFile(undefined, noKey)).toEqual({ envFile: null });
    expect(openEnvFile({ envFile: 'A=1' }, noKey)).toEqual({ envFile: 'A=1' });
  });
});
