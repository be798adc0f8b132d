// A profiling aid for the gateway's per-call cost (not a benchmark): the gateway in this process,
// one admin token, BENCH_PROFILE_CALLS (300) GET /containers/json one after another. Run it with
// `node --cpu-prof --cpu-prof-dir=<dir> --import tsx bench/gateway/profile-calls.ts` and read the profile.
import '../../lib/server/outside-next';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { accountUser } from '../../lib/auth/account-user';
import { loadConfig } from '../../lib/config/config';
import { startDockerGateway } from '../../lib/gateway/start-gateway';
import { createOwnToken } from '../../lib/tokens/manage-tokens';
import { createAccount, migrate } from '../../prisma-free-db';
import { connectTestDatabase } from '../../prisma-free-db/testing/test-database';

const calls = Number(process.env.BENCH_PROFILE_CALLS ?? 300);
const role = (process.env.BENCH_PROFILE_ROLE ?? 'admin') === 'admin' ? 'admin' : 'operator';
const port = Number(process.env.BENCH_GATEWAY_PORT ?? 8175);

function get(path: string, headers: Record<string, string>, socketPath?: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const target = socketPath ? { socketPath } : { host: '127.0.0.1', port };
    const request = http.request({ ...target, path, headers, agent: false }, (response) => {
      response.resume();
      response.once('end', () => resolve(performance.now() - started));
    });
    request.once('error', reject);
    request.end();
  });
}

async function main(): Promise<void> {
  const name = `bench_prof_${randomBytes(4).toString('hex')}`;
  const database = connectTestDatabase(name);
  await migrate(database);
  const result = loadConfig({ ...process.env, SHIPYARD_DATABASE_NAME: name, SHIPYARD_GATEWAY_LISTEN: `127.0.0.1:${port}` });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const gateway = await startDockerGateway(result.config);
  const account = await createAccount(database, { username: `prof-${role}`, passwordHash: '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K', role, mustChangePassword: false, grants: [] });
  const { secret } = await createOwnToken(database, accountUser(account, { kind: 'session' }), { name: 'prof', expiresInDays: 1, readOnly: false }, '127.0.0.1');
  const headers = { 'x-access-token': `prof-${role}:${secret}` };
  const times: number[] = [];
  const raw: number[] = [];
  const socketPath = (process.env.SHIPYARD_DOCKER ?? '').replace(/^unix:\/\//, '');
  const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
  let before = process.cpuUsage();
  for (let index = 0; index < calls; index += 1) times.push(await get('/v1.41/containers/json?all=1', headers));
  const gatewayCpu = cpuMs(process.cpuUsage(before)) / calls;
  before = process.cpuUsage();
  for (let index = 0; index < calls; index += 1) raw.push(await get('/v1.41/containers/json?all=1', {}, socketPath));
  const rawCpu = cpuMs(process.cpuUsage(before)) / calls;
  console.log(`CPU of this process per call: ${gatewayCpu.toFixed(2)} ms through the gateway (client and gateway), ${rawCpu.toFixed(2)} ms straight (client only)`);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]?.toFixed(2);
  console.log(`median ${median(times)} ms through the gateway, ${median(raw)} ms straight, over ${calls} calls each`);
  await gateway?.close();
  await database.run(database.r.dbDrop(name)).catch(() => undefined);
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
