import { describe, expect, it } from 'vitest';
import { applySecretFiles } from './secret-files';

const files: Record<string, string> = { '/run/secrets/auth': 'a'.repeat(40) + '\n', '/run/secrets/db': 'pw\r\n' };
const read = (path: string) => {
  const content = files[path];
  if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return content;
};

describe('applySecretFiles', () => {
  it('copies each file into its setting without the trailing newline', () => {
    const env: Record<string, string | undefined> = { AUTH_SECRET_FILE: '/run/secrets/auth', SHIPYARD_DATABASE_PASSWORD_FILE: '/run/secrets/db' };
    expect(applySecretFiles(env, read)).toEqual([]);
    expect(env.AUTH_SECRET).toBe('a'.repeat(40));
    expect(env.SHIPYARD_DATABASE_PASSWORD).toBe('pw');
  });

  it('leaves the environment alone when no file is named', () => {
    const env: Record<string, string | undefined> = { AUTH_SECRET: 'given' };
    expect(applySecretFiles(env, read)).toEqual([]);
    expect(env).toEqual({ AUTH_SECRET: 'given' });
  });

  it('names an unreadable file and a setting given both ways', () => {
    const env: Record<string, string | undefined> = { AUTH_SECRET_FILE: '/run/secrets/missing', SHIPYARD_ETCD_PASSWORD: 'x', SHIPYARD_ETCD_PASSWORD_FILE: '/run/secrets/db' };
    expect(applySecretFiles(env, read)).toEqual([
      'AUTH_SECRET_FILE: cannot read /run/secrets/missing (ENOENT)',
      'SHIPYARD_ETCD_PASSWORD_FILE: SHIPYARD_ETCD_PASSWORD is set too; give the setting one way',
    ]);
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(env.SHIPYARD_ETCD_PASSWORD).toBe('x');
  });

  it('ignores files of settings it does not know', () => {
    const env: Record<string, string | undefined> = { SHIPYARD_DOCKER_FILE: '/run/secrets/db' };
    expect(applySecretFiles(env, read)).toEqual([]);
    expect(env.SHIPYARD_DOCKER).toBeUndefined();
  });
});
