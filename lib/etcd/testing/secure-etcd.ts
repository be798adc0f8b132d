// A throwaway etcd of the test's own with TLS (certificates made with openssl in a temp dir),
// client certificates required and auth enabled (user root), on loopback ports of its own,
// stopped by its pid. The shared etcd is never touched.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCertificates, type TestCertificates } from '@/tests/support/test-certificates';

export const ROOT_PASSWORD = 'etcd-root-secret';

export class SecureEtcd {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'sysecetcd-'));
  // Below Linux's ephemeral range (32768+), clear of the other private etcds' ranges.
  readonly clientPort = 20_000 + Math.floor(Math.random() * 2_000) * 2;
  readonly endpoint = `https://127.0.0.1:${this.clientPort}`;
  readonly certificates: TestCertificates = makeTestCertificates();
  private child: ChildProcess | undefined;

  async start(): Promise<void> {
    const peer = `http://127.0.0.1:${this.clientPort + 1}`;
    const { files } = this.certificates;
    this.child = spawn(
      'etcd',
      [
        '--name', 'secure', '--data-dir', this.dataDir,
        '--listen-client-urls', this.endpoint, '--advertise-client-urls', this.endpoint,
        '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer, '--initial-cluster', `secure=${peer}`,
        '--cert-file', files.serverCert, '--key-file', files.serverKey, '--trusted-ca-file', files.ca, '--client-cert-auth',
      ],
      { stdio: 'ignore' },
    );
    for (let attempt = 0; attempt < 150; attempt++) {
      if (await this.etcdctl('endpoint', 'health').then(() => true, () => false)) break;
      if (attempt === 149) throw new Error(`secure etcd on ${this.endpoint} did not become healthy in 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await this.etcdctl('user', 'add', `root:${ROOT_PASSWORD}`);
    await this.etcdctl('user', 'grant-role', 'root', 'root');
    await this.etcdctl('auth', 'enable');
  }

  /** etcdctl with the client certificate (and, once auth is on, root's password). */
  etcdctl(...args: string[]): Promise<string> {
    const { files } = this.certificates;
    const base = ['--endpoints', this.endpoint, '--cacert', files.ca, '--cert', files.clientCert, '--key', files.clientKey, '--command-timeout=2s'];
    const user = args[0] === 'user' || args[0] === 'auth' || args[0] === 'endpoint' ? [] : ['--user', `root:${ROOT_PASSWORD}`];
    return new Promise((resolve, reject) => {
      execFile('etcdctl', [...base, ...user, ...args], (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
    });
  }

  async destroy(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
    this.certificates.remove();
  }
}
