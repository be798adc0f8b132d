// Helpers for the private servers tests start and stop by pid (etcd, reqlite, nginx).
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

/** Whether something accepts TCP connections on the port (loopback). */
export function portAccepts(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** kill -9, as a crash would, and wait until the process is gone (nothing if it already is). */
export async function killAndWait(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
