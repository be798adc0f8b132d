import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

function serve(env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/serve.ts'], {
    cwd: root,
    env: { NODE_ENV: 'production', PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('scripts/serve.ts, the console launcher', () => {
  it('refuses to start with bad settings, one message per wrong value, exit code 2', () => {
    const result = serve({ SHIPYARD_LISTEN: 'nowhere', SHIPYARD_DOCKER: 'ftp://docker', AUTH_SECRET: 'short' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Shipyard cannot start; fix its configuration:');
    expect(result.stderr).toContain('SHIPYARD_LISTEN: "nowhere" is not an address to listen on');
    expect(result.stderr).toContain('SHIPYARD_DOCKER: "ftp://docker" is not a Docker endpoint');
    expect(result.stderr).toContain('AUTH_SECRET: too short');
    expect(result.stderr).not.toContain('SHIPYARD_DATABASE');
  });

  it('refuses to start without AUTH_SECRET', () => {
    const result = serve({});
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('AUTH_SECRET: not set');
  });

  it('names a store credential file that does not exist, and a user without a password, before anything starts', () => {
    const result = serve({
      AUTH_SECRET: 'x'.repeat(40),
      SHIPYARD_ETCD: 'https://etcd1:2379',
      SHIPYARD_ETCD_CA: '/nonexistent/etcd-ca.pem',
      SHIPYARD_ETCD_USERNAME: 'root',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('SHIPYARD_ETCD_CA: "/nonexistent/etcd-ca.pem" does not exist');
    expect(result.stderr).toContain('SHIPYARD_ETCD_USERNAME: set SHIPYARD_ETCD_PASSWORD or SHIPYARD_ETCD_PASSWORD_FILE too');
  });
});
