// The etcd boundary against a real etcd with TLS, client certificates and auth (a private one,
// lib/etcd/testing/secure-etcd.ts): the right settings read and write; each wrong one is refused
// and said in one line at start, by the console's startup check and by the sidecar's.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config/config';
import { startupReport } from '@/lib/health/startup-report';
import { checkEtcdAccess } from './check-access';
import { EtcdStore } from './store';
import { ROOT_PASSWORD, SecureEtcd } from './testing/secure-etcd';

describe('etcd with TLS, client certificates and auth', () => {
  const etcd = new SecureEtcd();
  const stores: EtcdStore[] = [];
  let passwordFile = '';

  beforeAll(async () => {
    await etcd.start();
    passwordFile = path.join(etcd.certificates.dir, 'etcd-password');
    writeFileSync(passwordFile, `${ROOT_PASSWORD}\n`);
  });
  afterAll(async () => {
    for (const store of stores) store.close();
    await etcd.destroy();
  });

  /** A store configured the way an operator would: through the console's own settings. */
  function storeFor(env: Record<string, string>): EtcdStore {
    const result = loadConfig({ AUTH_SECRET: 'x'.repeat(40), SHIPYARD_ETCD: etcd.endpoint, ...env });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const store = new EtcdStore({ endpoints: result.config.etcd.endpoints, credentials: result.config.etcd.credentials, prefix: '/shipyard-test/secure/', callTimeoutMs: 2_000 });
    stores.push(store);
    return store;
  }

  const files = () => etcd.certificates.files;
  const good = () => ({
    SHIPYARD_ETCD_CA: files().ca,
    SHIPYARD_ETCD_CERT: files().clientCert,
    SHIPYARD_ETCD_KEY: files().clientKey,
    SHIPYARD_ETCD_USERNAME: 'root',
    SHIPYARD_ETCD_PASSWORD_FILE: passwordFile,
  });

  it('reads and writes with the CA, the client certificate and the password (from a _FILE, as a swarm secret)', async () => {
    const store = storeFor(good());
    await store.put('greeting', 'hello');
    expect((await store.get('greeting'))?.value).toBe('hello');
    expect(await etcd.etcdctl('get', '--print-value-only', '/shipyard-test/secure/greeting')).toBe('hello\n');
    expect(await checkEtcdAccess(store, 'SHIPYARD_ETCD')).toEqual({ ok: true });
  });

  it('a wrong password is refused, and said so in one line naming the settings', async () => {
    const store = storeFor({ ...good(), SHIPYARD_ETCD_PASSWORD_FILE: '', SHIPYARD_ETCD_PASSWORD: 'wrong' });
    await expect(store.get('greeting')).rejects.toThrow(/refused the user "root"/);
    const access = await checkEtcdAccess(store, 'SHIPYARD_ETCD');
    expect(access).toEqual({ ok: false, refused: true, line: expect.stringMatching(/refused the user "root" .*invalid user ID or password.*: check SHIPYARD_ETCD_USERNAME and SHIPYARD_ETCD_PASSWORD$/) });
    expect(access.ok || access.line).not.toContain('\n');
  });

  it('a CA that did not sign etcd\'s certificate is named', async () => {
    const access = await checkEtcdAccess(storeFor({ ...good(), SHIPYARD_ETCD_CA: files().otherCa }), 'SHIPYARD_ETCD');
    expect(access).toEqual({ ok: false, refused: true, line: expect.stringMatching(/^etcd at https:\/\/127\.0\.0\.1:\d+ presents a certificate not signed by the CA in SHIPYARD_ETCD_CA \(.+\): set SHIPYARD_ETCD_CA to the CA that signed etcd's certificate$/) });
  });

  it('a missing client certificate is named', async () => {
    const access = await checkEtcdAccess(storeFor({ ...good(), SHIPYARD_ETCD_CERT: '', SHIPYARD_ETCD_KEY: '' }), 'SHIPYARD_ETCD');
    expect(access).toEqual({ ok: false, refused: true, line: expect.stringMatching(/wants a client certificate .*: set SHIPYARD_ETCD_CERT and SHIPYARD_ETCD_KEY$/) });
  });

  it('plain http:// to a TLS etcd is named', async () => {
    const plain = etcd.endpoint.replace('https://', 'http://');
    const store = new EtcdStore({ endpoints: [plain], prefix: '', callTimeoutMs: 1_500 });
    stores.push(store);
    const access = await checkEtcdAccess(store, 'IPAM_ETCD');
    expect(access).toEqual({ ok: false, refused: true, line: `etcd at ${plain} speaks TLS: write https:// and set IPAM_ETCD_CA (and IPAM_ETCD_CERT/_KEY if it asks for a client certificate)` });
  });

  it("the console's start-up report says the refusal in its etcd line", async () => {
    const result = loadConfig({ AUTH_SECRET: 'x'.repeat(40), SHIPYARD_ETCD: etcd.endpoint, ...good(), SHIPYARD_ETCD_PASSWORD_FILE: '', SHIPYARD_ETCD_PASSWORD: 'wrong', SHIPYARD_DATABASE: '127.0.0.1:1', SHIPYARD_DOCKER: 'tcp://127.0.0.1:1' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const lines = await startupReport(result.config);
    expect(lines.filter((line) => line.startsWith('shipyard: etcd'))).toEqual([expect.stringMatching(/^shipyard: etcd REFUSED: etcd \(https:.*\) refused the user "root" .*; the console starts anyway$/)]);
  });

  it("the sidecar's server command says the refusal in one line at start, and serves anyway", async () => {
    const socket = path.join(mkdtempSync(path.join(tmpdir(), 'sy-ipam-sock-')), 'secure.sock');
    const root = path.resolve(__dirname, '../..');
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'plugin/main.ts'), 'server',
        '--socket', socket, '--gc-interval', '0', '--host-id', 'secure-test', '--docker', process.env.SHIPYARD_DOCKER ?? '',
        '--cluster-store', etcd.endpoint, '--prefix', '/shipyard-test/secure-sidecar/',
        '--etcd-ca', files().otherCa, '--etcd-cert', files().clientCert, '--etcd-key', files().clientKey,
        '--etcd-username', 'root', '--etcd-password-file', passwordFile,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      for (let waited = 0; !stderr.includes('etcd REFUSED') && waited < 30_000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stdout).toContain(`serving on ${socket}`);
      const line = stderr.split('\n').find((entry) => entry.includes('etcd REFUSED'));
      expect(line).toMatch(/^shipyard-ipam: etcd REFUSED: etcd at https:\/\/127\.0\.0\.1:\d+ presents a certificate not signed by the CA in IPAM_ETCD_CA \(.+\): set IPAM_ETCD_CA to the CA that signed etcd's certificate; serving anyway, every call fails until this is fixed$/);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
