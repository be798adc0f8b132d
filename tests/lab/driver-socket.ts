// Docker's remote IPAM calls straight to a driver's unix socket, as the daemon makes them. The
// managed plugin's socket lies under /run/docker/plugins/<id>/, longer than the 107 bytes a unix
// socket path may have: it is reached through a short symlink.
import { request } from 'node:http';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function callDriver(socketPath: string, method: string, body: unknown = {}, timeoutMs = 2_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method: 'POST', path: `/${method}`, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} on ${socketPath}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** Whether the driver answers GetCapabilities right now. */
export function driverAnswers(socketPath: string): Promise<boolean> {
  return callDriver(socketPath, 'IpamDriver.GetCapabilities', {}, 1_000).then((reply) => reply.status === 200, () => false);
}

/** A short path to a long socket path; remove() deletes the link. */
export function shortSocketPath(target: string): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'shp-'));
  const path = join(dir, 'd.sock');
  symlinkSync(target, path);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Polls until the driver answers; returns the seconds since `since` (performance.now()). */
export async function secondsUntilAnswer(socketPath: string, since: number, timeoutMs: number): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    if (await driverAnswers(socketPath)) return (performance.now() - since) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the driver on ${socketPath} did not answer within ${timeoutMs / 1000} s`);
}
