// A throwaway RethinkDB-protocol server (npm reqlite, in memory) on ports of the test's own,
// killed and started again by its pid: fault tests never touch the shared database.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ENTRY = path.resolve(__dirname, '../../scripts/embedded-rethinkdb.cjs');

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export class PrivateReqlite {
  // Below Linux's ephemeral range (32768+): a reconnecting client could otherwise connect to itself on the port.
  readonly offset = 1_000 + Math.floor(Math.random() * 2_000);
  readonly port = 28_015 + this.offset;
  readonly address = `127.0.0.1:${this.port}`;
  private child: ChildProcess | undefined;

  async start(): Promise<void> {
    this.child = spawn(process.execPath, [ENTRY, '--port-offset', String(this.offset)], { stdio: 'ignore' });
    for (let attempt = 0; attempt < 100; attempt++) {
      if (await accepts(this.port)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`private reqlite on ${this.address} did not listen in 10 s`);
  }

  /** kill -9, as a crash would: everything it held is gone (reqlite keeps nothing on disk). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
