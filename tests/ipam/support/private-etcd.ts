// A throwaway etcd of the test's own (loopback port, temp data dir), stopped by its pid: outage
// tests must never touch the shared etcd.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAndWait } from '@/tests/support/processes';

export class PrivateEtcd {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'syetcd-'));
  readonly clientPort = 24_000 + Math.floor(Math.random() * 4_000) * 2;
  readonly endpoint = `http://127.0.0.1:${this.clientPort}`;
  private child: ChildProcess | undefined;

  async start(): Promise<void> {
    const peer = `http://127.0.0.1:${this.clientPort + 1}`;
    this.child = spawn(
      'etcd',
      [
        '--name', 'ipamtest', '--data-dir', this.dataDir,
        '--listen-client-urls', this.endpoint, '--advertise-client-urls', this.endpoint,
        '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer,
        '--initial-cluster', `ipamtest=${peer}`,
      ],
      { stdio: 'ignore' },
    );
    for (let attempt = 0; attempt < 150; attempt++) {
      if (await this.healthy()) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`private etcd on ${this.endpoint} did not become healthy in 30 s`);
  }

  /** kill -9, as an outage would. */
  async kill(): Promise<void> {
    await killAndWait(this.child);
  }

  /** SIGSTOP: etcd still accepts connections but never answers, the case a bound is for. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  async destroy(): Promise<void> {
    this.resume();
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private healthy(): Promise<boolean> {
    return new Promise((resolve) => {
      execFile('etcdctl', ['--endpoints', this.endpoint, '--command-timeout=1s', 'endpoint', 'health'], (error) => resolve(!error));
    });
  }
}
