// nginx (Debian's) with TLS in front of a console, running deploy/nginx/*.conf themselves with
// the test's ports, host name and certificates; stopped by its pid.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { portAccepts } from '../../tests/support/processes';

export interface ProxyOptions {
  /** Where the rendered configuration, logs and temp files go. */
  dir: string;
  hostName: string;
  httpsPort: number;
  httpPort: number;
  gatewayTlsPort: number;
  consolePort: number;
  gatewayPort: number;
  cert: string;
  key: string;
}

const DEPLOY = path.resolve(__dirname, '../../deploy/nginx');
// Debian's libnginx-mod-stream (the gateway's TCP proxy).
const STREAM_MODULE = '/usr/lib/nginx/modules/ngx_stream_module.so';

function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`deploy/nginx no longer holds "${from}": update e2e/support/nginx-proxy.ts`);
  return text.split(from).join(to);
}

function withTestCertificate(text: string, options: ProxyOptions): string {
  return replaceOnce(replaceOnce(text, '/etc/nginx/tls/shipyard.crt', options.cert), '/etc/nginx/tls/shipyard.key', options.key);
}

/** deploy/nginx's two files with this test's values, inside a main configuration of its own. */
export function renderProxyConfig(options: ProxyOptions): string {
  let site = withTestCertificate(readFileSync(path.join(DEPLOY, 'shipyard.conf'), 'utf8'), options);
  site = replaceOnce(site, 'server 127.0.0.1:8080;', `server 127.0.0.1:${options.consolePort};`);
  site = replaceOnce(site, 'listen 80;', `listen 127.0.0.1:${options.httpPort};`);
  site = replaceOnce(site, 'listen 443 ssl;', `listen 127.0.0.1:${options.httpsPort} ssl;`);
  site = replaceOnce(site, 'server_name shipyard.example.com;', `server_name ${options.hostName};`);
  let gateway = withTestCertificate(readFileSync(path.join(DEPLOY, 'shipyard-gateway.conf'), 'utf8'), options);
  gateway = replaceOnce(gateway, 'server 127.0.0.1:2375;', `server 127.0.0.1:${options.gatewayPort};`);
  gateway = replaceOnce(gateway, 'listen 2376 ssl;', `listen 127.0.0.1:${options.gatewayTlsPort} ssl;`);
  const gatewayPath = path.join(options.dir, 'shipyard-gateway.conf');
  writeFileSync(gatewayPath, gateway);
  // The plain-http server redirects to https on 443: here the https port is another.
  site = replaceOnce(site, 'return 301 https://$host$request_uri;', `return 301 https://$host:${options.httpsPort}$request_uri;`);
  const sitePath = path.join(options.dir, 'shipyard.conf');
  writeFileSync(sitePath, site);
  const temp = (name: string) => path.join(options.dir, 'tmp', name);
  return [
    `load_module ${STREAM_MODULE};`,
    `pid ${path.join(options.dir, 'nginx.pid')};`,
    `error_log ${path.join(options.dir, 'error.log')} info;`,
    'worker_processes 1;',
    'events { worker_connections 256; }',
    'http {',
    `  access_log ${path.join(options.dir, 'access.log')};`,
    `  client_body_temp_path ${temp('body')};`,
    `  proxy_temp_path ${temp('proxy')};`,
    `  fastcgi_temp_path ${temp('fastcgi')};`,
    `  uwsgi_temp_path ${temp('uwsgi')};`,
    `  scgi_temp_path ${temp('scgi')};`,
    `  include ${sitePath};`,
    '}',
    `include ${gatewayPath};`,
    '',
  ].join('\n');
}

export interface RunningProxy {
  stop(): Promise<void>;
  log(): string;
}

export async function startNginx(options: ProxyOptions): Promise<RunningProxy> {
  mkdirSync(path.join(options.dir, 'tmp'), { recursive: true });
  const config = path.join(options.dir, 'nginx.conf');
  writeFileSync(config, renderProxyConfig(options));
  execFileSync('nginx', ['-t', '-p', options.dir, '-c', config], { stdio: 'pipe' });
  const child: ChildProcess = spawn('nginx', ['-p', options.dir, '-c', config, '-g', 'daemon off;'], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 50 && !(await portAccepts(options.httpsPort)); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    log: () => readFileSync(path.join(options.dir, 'error.log'), 'utf8'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGQUIT');
      }),
  };
}
