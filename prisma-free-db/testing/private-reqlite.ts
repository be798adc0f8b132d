// A throwaway RethinkDB-protocol server (npm reqlite, in memory) on ports of the test's own,
// killed and started again by its pid: fault tests never touch the shared database.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { killAndWait, portAccepts } from '@/tests/support/processes';

const ENTRY = path.resolve(__dirname, '../../scripts/embedded-rethinkdb.cjs');

export class PrivateReqlite {
  // Below Linux's ephemeral range (32768+): a reconnecting client could otherwise connect to itself on the port.
  readonly offset = 1_000 + Math.floor(Math.random() * 2_000);
  readonly port = 28_015 + this.offset;
  readonly address = `127.0.0.1:${this.port}`;
  private child: ChildProcess | undefined;

  async start(): Promise<void> {
    this.child = spawn(process.execPath, [ENTRY, '--port-offset', String(this.offset)], { stdio: 'ignore' });
    for (let attempt = 0; attempt < 100; attempt++) {
      if (await portAccepts(this.port)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`private reqlite on ${this.address} did not listen in 10 s`);
  }

  /** kill -9, as a crash would: everything it held is gone (reqlite keeps nothing on disk). */
  async kill(): Promise<void> {
    await killAndWait(this.child);
  }
}
