// A throwaway single-member etcd (loopback ports and a temp dir of the test's own, stopped by its
// pid) that can also be restored from a snapshot, as an operator restores a lost cluster:
// `etcdctl snapshot save`, then `etcdctl snapshot restore` into a new data dir and a start on it.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAndWait } from '@/tests/support/processes';

export class RestorableEtcd {
  readonly root = mkdtempSync(join(tmpdir(), 'syrestore-'));
  // Below Linux's ephemeral range (32768+): a reconnecting client could otherwise connect to itself.
  readonly clientPort = 16_000 + Math.floor(Math.random() * 2_000) * 2;
  readonly endpoint = `http://127.0.0.1:${this.clientPort}`;
  private readonly peer = `http://127.0.0.1:${this.clientPort + 1}`;
  private dataDir = join(this.root, 'data-0');
  private generation = 0;
  private child: ChildProcess | undefined;

  async start(): Promise<void> {
    this.child = spawn(
      'etcd',
      [
        '--name', 'restorable', '--data-dir', this.dataDir,
        '--listen-client-urls', this.endpoint, '--advertise-client-urls', this.endpoint,
        '--listen-peer-urls', this.peer, '--initial-advertise-peer-urls', this.peer, '--initial-cluster', `restorable=${this.peer}`,
      ],
      { stdio: 'ignore' },
    );
    for (let attempt = 0; attempt < 150; attempt++) {
      if (await this.etcdctl('endpoint', 'health').then(() => true, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`etcd on ${this.endpoint} did not become healthy in 30 s`);
  }

  async kill(): Promise<void> {
    await killAndWait(this.child);
  }

  /** `etcdctl snapshot save`: the file's path. */
  async saveSnapshot(): Promise<string> {
    const file = join(this.root, `snapshot-${Date.now()}.db`);
    await this.etcdctl('snapshot', 'save', file);
    return file;
  }

  /** Stops etcd, restores `snapshot` into a fresh data dir (the old one is left as a lost disk would be) and starts on it. */
  async restore(snapshot: string): Promise<void> {
    await this.kill();
    this.generation += 1;
    this.dataDir = join(this.root, `data-${this.generation}`);
    await this.etcdctl(
      'snapshot', 'restore', snapshot, '--data-dir', this.dataDir, '--name', 'restorable',
      '--initial-cluster', `restorable=${this.peer}`, '--initial-advertise-peer-urls', this.peer,
    );
    await this.start();
  }

  etcdctl(...args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile('etcdctl', ['--endpoints', this.endpoint, '--command-timeout=2s', ...args], { env: { ...process.env, ETCDCTL_API: '3' } }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
  }

  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.root, { recursive: true, force: true });
  }
}
