// A real `shipyard-ipam server` for e2e tests, on the console's IPAM prefix, called over its
// unix socket as Docker would.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';

export interface PluginProcess {
  readonly socket: string;
  call(path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  stop(): void;
}

function call(socketPath: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'POST', timeout: 10_000 }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body === undefined ? '' : JSON.stringify(body));
  });
}

export async function startPlugin(prefix: string, hostId: string): Promise<PluginProcess> {
  execFileSync(join(process.cwd(), 'plugin', 'bin', 'build-bundle'));
  const socket = join(mkdtempSync(join(tmpdir(), 'sye2e-')), 'x.sock');
  const endpoints = process.env.IPAM_CLUSTER_STORE ?? process.env.SHIPYARD_ETCD ?? 'http://127.0.0.1:2379';
  const child: ChildProcess = spawn(
    join(process.cwd(), 'plugin', 'bin', 'shipyard-ipam'),
    ['server', '--cluster-store', endpoints, '--prefix', prefix, '--socket', socket, '--host-id', hostId, '--gc-interval', '0'],
    { stdio: 'ignore' },
  );
  for (let attempt = 0; attempt < 300; attempt++) {
    if (existsSync(socket) && (await call(socket, '/Plugin.Activate').catch(() => undefined))?.status === 200) {
      return { socket, call: (path, body) => call(socket, path, body), stop: () => child.kill('SIGTERM') };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('shipyard-ipam server did not answer within 30 s');
}

/** Deletes every key the run wrote under the console's IPAM prefix. */
export async function deletePrefix(prefix: string): Promise<void> {
  const client = new Etcd3({ hosts: (process.env.IPAM_CLUSTER_STORE ?? process.env.SHIPYARD_ETCD ?? 'http://127.0.0.1:2379').split(',') });
  try {
    await client.delete().prefix(prefix).exec();
  } finally {
    client.close();
  }
}
