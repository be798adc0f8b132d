// npm run bench:gateway: the docker CLI through Shipyard's Docker API gateway against the same
// CLI straight to the engine, in alternating pairs (which goes first alternates too), on the
// stack's engine and database. Per role (admin, operator): `docker ps -a` with BENCH_GATEWAY_CONTAINERS
// (20) containers, then `docker run --rm <image> sh -c :`; also one GET /containers/json over HTTP
// (no CLI start-up in the figure). Prints every pair, the medians and their ratio, and the
// gateway process's memory.
//   BENCH_GATEWAY_PAIRS (15), BENCH_GATEWAY_RUN_PAIRS (8), BENCH_GATEWAY_ROLES (admin,operator),
//   BENCH_GATEWAY_PORT (8173), BENCH_GATEWAY_ROOT (this checkout: whose lib/gateway runs).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { accountUser } from '../../lib/auth/account-user';
import { createOwnToken } from '../../lib/tokens/manage-tokens';
import { createAccount, migrate, type Role } from '../../prisma-free-db';
import { connectTestDatabase } from '../../prisma-free-db/testing/test-database';

const pairs = Number(process.env.BENCH_GATEWAY_PAIRS ?? 15);
const runPairs = Number(process.env.BENCH_GATEWAY_RUN_PAIRS ?? 8);
const containerCount = Number(process.env.BENCH_GATEWAY_CONTAINERS ?? 20);
const roles = (process.env.BENCH_GATEWAY_ROLES ?? 'admin,operator').split(',').filter(Boolean) as Role[];
const port = Number(process.env.BENCH_GATEWAY_PORT ?? 8173);
const root = path.resolve(process.env.BENCH_GATEWAY_ROOT ?? path.join(__dirname, '..', '..'));
const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const engineUrl = process.env.SHIPYARD_DOCKER ?? '';
if (!engineUrl.startsWith('unix://')) throw new Error('bench:gateway needs SHIPYARD_DOCKER=unix://… (source .state/env)');
const docker = new Docker({ socketPath: engineUrl.slice('unix://'.length) });
const stamp = `sygwbench-${randomBytes(3).toString('hex')}`;
const databaseName = `bench_gw_${randomBytes(4).toString('hex')}`;
const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

function cli(args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile('docker', args, { env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '' }, timeout: 60_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`docker ${args.join(' ')}: ${stderr || error.message}`));
      else resolve(performance.now() - started);
    });
  });
}

function httpGet(options: http.RequestOptions): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request({ ...options, method: 'GET', agent: false }, (response) => {
      response.resume();
      response.once('end', () => (response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`status ${response.statusCode}`))));
    });
    request.once('error', reject);
    request.end();
  });
}

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Runs `a` and `b` `count` times, alternating which goes first; every pair kept. */
async function alternate(count: number, a: () => Promise<number>, b: () => Promise<number>): Promise<{ a: number[]; b: number[] }> {
  const result = { a: [] as number[], b: [] as number[] };
  for (let index = 0; index < count; index += 1) {
    if (index % 2 === 0) {
      result.a.push(await a());
      result.b.push(await b());
    } else {
      result.b.push(await b());
      result.a.push(await a());
    }
  }
  return result;
}

function report(title: string, measured: { a: number[]; b: number[] }): string {
  const ratio = median(measured.a) / median(measured.b);
  const every = measured.a.map((value, index) => `${value.toFixed(0)}/${(measured.b[index] ?? NaN).toFixed(0)}`).join(' ');
  return `| ${title} | ${median(measured.a).toFixed(1)} ms | ${median(measured.b).toFixed(1)} ms | **${ratio.toFixed(2)}** | ${every} |`;
}

async function main(): Promise<void> {
  const database = connectTestDatabase(databaseName);
  const configDirs: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/gateway/gateway-process.ts')], {
    cwd: root,
    env: { ...process.env, SHIPYARD_DATABASE_NAME: databaseName, SHIPYARD_GATEWAY_LISTEN: `127.0.0.1:${port}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await migrate(database);
    const gatewayUp = () => httpGet({ host: '127.0.0.1', port, path: '/_ping' }).then(() => true, (error: Error) => error.message.startsWith('status'));
    let up = false;
    for (let attempt = 0; attempt < 240 && !up; attempt += 1) {
      up = await gatewayUp();
      if (!up) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (!up) throw new Error(`the gateway did not start on 127.0.0.1:${port}`);
    console.log(`${containerCount} containers (${stamp}-*), gateway from ${root}, machine load ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}`);
    for (let index = 0; index < containerCount; index += 1) {
      await docker.createContainer({ name: `${stamp}-${index}`, Image: image, Cmd: ['sleep', '600'], Labels: { 'io.shipyard.bench': stamp } });
    }
    const rows: string[] = [];
    for (const role of roles) {
      const username = `${stamp}-${role}`;
      const account = await createAccount(database, { username, passwordHash: HASH, role, mustChangePassword: false, grants: [] });
      const { secret } = await createOwnToken(database, accountUser(account, { kind: 'session' }), { name: 'bench', expiresInDays: 1, readOnly: false }, '127.0.0.1');
      const dir = await mkdtemp(path.join(tmpdir(), 'shipyard-gwbench-'));
      configDirs.push(dir);
      await writeFile(path.join(dir, 'config.json'), JSON.stringify({ HttpHeaders: { 'X-Access-Token': `${username}:${secret}` } }));
      const direct = ['-H', engineUrl];
      const through = ['-H', `tcp://127.0.0.1:${port}`, '--config', dir];
      const ps = (target: string[]) => () => cli([...target, 'ps', '-a']);
      const run = (target: string[]) => () => cli([...target, 'run', '--rm', '--label', `io.shipyard.bench=${stamp}`, image, 'sh', '-c', ':']);
      const listHttp = () => httpGet({ host: '127.0.0.1', port, path: '/v1.41/containers/json?all=1', headers: { 'x-access-token': `${username}:${secret}` } });
      const listRaw = () => httpGet({ socketPath: engineUrl.slice('unix://'.length), path: '/v1.41/containers/json?all=1' });
      // Warm both paths (the CLI's own caches, the gateway's first database and engine connections).
      for (let index = 0; index < 2; index += 1) await Promise.all([ps(through)(), ps(direct)()]).then(() => run(through)()).then(() => run(direct)());
      rows.push(report(`${role}: \`docker ps -a\` (${containerCount} containers)`, await alternate(pairs, ps(through), ps(direct))));
      rows.push(report(`${role}: GET /containers/json?all=1 over HTTP`, await alternate(pairs, listHttp, listRaw)));
      rows.push(report(`${role}: \`docker run --rm ${image} sh -c :\``, await alternate(runPairs, run(through), run(direct))));
    }
    const memory = await rssMiB(child.pid ?? 0);
    console.log('\n| call (role) | through the gateway (median) | straight to the engine (median) | ratio | every pair, gateway/engine ms |');
    console.log('|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log(`\ngateway process memory (RSS) after the run: ${memory.toFixed(0)} MiB; load ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}`);
  } finally {
    child.kill('SIGTERM');
    const left = await docker.listContainers({ all: true, filters: { label: [`io.shipyard.bench=${stamp}`] } }).catch(() => []);
    for (const container of left) await docker.getContainer(container.Id).remove({ force: true }).catch(() => undefined);
    await database.run(database.r.dbDrop(databaseName)).catch(() => undefined);
    await database.close();
    await Promise.all(configDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
