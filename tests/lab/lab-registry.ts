// The lab's own image registry: Debian's docker-registry on the router address with TLS, as a
// cluster's registry would be. Every engine on this machine (the lab's hosts and the stack's,
// which pushes) trusts its certificate through /etc/docker/certs.d/<address>/ca.crt, removed again
// by stop(). Images built on the stack's engine are pushed there and the lab's hosts pull them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './support';

export interface LabRegistry {
  /** router:port, the name images are tagged with. */
  address: string;
  /** Tags `image` on `engine` as address/repository:tag, pushes it, and returns that name (untagged again by stop()). */
  push(engine: string, image: string, repository: string, tag: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startLabRegistry(router: string, port = 5000): Promise<LabRegistry> {
  const address = `${router}:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'shipyard-lab-registry-'));
  const trustDir = `/etc/docker/certs.d/${address}`;
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${router}`,
    '-addext', `subjectAltName=IP:${router}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ]);
  mkdirSync(trustDir, { recursive: true });
  await run('cp', [join(dir, 'cert.pem'), join(trustDir, 'ca.crt')]);
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    ['version: 0.1', 'log:', '  level: warn', 'storage:', '  filesystem:', `    rootdirectory: ${join(dir, 'data')}`,
      'http:', `  addr: ${address}`, '  tls:', `    certificate: ${join(dir, 'cert.pem')}`, `    key: ${join(dir, 'key.pem')}`, ''].join('\n'),
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pushed: [engine: string, name: string][] = [];
  const stop = async () => {
    for (const [engine, name] of pushed) await run('docker', ['-H', engine, 'rmi', name]).catch(() => undefined);
    if (child.exitCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(trustDir, { recursive: true, force: true });
  };
  for (let attempt = 0; ; attempt++) {
    const up = await run('curl', ['-fsS', '--cacert', join(dir, 'cert.pem'), `https://${address}/v2/`], 5_000).then(() => true, () => false);
    if (up) break;
    if (child.exitCode !== null || attempt > 100) {
      await stop();
      throw new Error(`docker-registry did not start on ${address}: ${stderr || 'no output'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    address,
    async push(engine, image, repository, tag) {
      const remote = `${address}/${repository}:${tag}`;
      await run('docker', ['-H', engine, 'tag', image, remote]);
      pushed.push([engine, remote]);
      await run('docker', ['-H', engine, 'push', remote], 300_000);
      return remote;
    },
    stop,
  };
}
