// The cluster's load balancer in front of the console replicas, on the lab's router address:
// nginx (Debian), as a cluster without Docker's routing mesh would have one. This machine's kernel
// has no IPVS (no /proc/sys/net/ipv4/vs), which the routing mesh needs, so the lab publishes the
// console's ports on the hosts themselves (mode: host) and balances here. A failed connection is
// retried on the next replica, as the routing mesh's health-checked backends would be.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LabBalancer {
  stop(): Promise<void>;
}

/** Listens on router:port for each `ports` entry and spreads over every host's same port. */
export async function startLabBalancer(router: string, hosts: readonly string[], ports: readonly number[]): Promise<LabBalancer> {
  const dir = mkdtempSync(join(tmpdir(), 'shipyard-lab-balancer-'));
  const servers = ports.map(
    (port) => `
  upstream port${port} {
${hosts.map((host) => `    server ${host}:${port} max_fails=1 fail_timeout=3s;`).join('\n')}
  }
  server {
    listen ${router}:${port};
    location / {
      proxy_pass http://port${port};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $http_connection;
      proxy_connect_timeout 1s;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_buffering off;
    }
  }`,
  );
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${servers.join('\n')}
}
`,
  );
  const child: ChildProcess = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (child.exitCode !== null) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx did not start: ${stderr}`);
  }
  return {
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) {
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
