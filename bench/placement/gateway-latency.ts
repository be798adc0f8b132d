// A docker CLI create through the gateway: the same body sent straight to the manager's engine
// (no gateway), through the gateway as it comes (with several engines: placed by spread), and
// through the gateway with `constraint:node==<manager>` (placed by its rule). Each created
// container is removed through the gateway again. Alternating in the same run, medians.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { accountUser } from '../../lib/auth/account-user';
import { engineHandlesFrom, identify, stopEngines } from '../../lib/engines/engines';
import type { DockerGateway } from '../../lib/gateway/start-gateway';
import { createUpstream } from '../../lib/gateway/upstream';
import { createOwnToken } from '../../lib/tokens/manage-tokens';
import { createAccount } from '../../prisma-free-db';
import { openTestDatabase } from '../../prisma-free-db/testing/test-database';
import type { LatencyFigures } from './create-latency';
import { startGatewayOnFreePort } from '../../tests/support/gateway-on-free-port';

const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';

function send(request: http.ClientRequest, body: string | null): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    request.end(body ?? undefined);
  });
}

function startGateway(databaseName: string): Promise<DockerGateway> {
  return startGatewayOnFreePort([23790, 23799], { SHIPYARD_DATABASE_NAME: databaseName });
}

export async function benchGatewayLatency(rounds: number): Promise<{ engines: number; figures: LatencyFigures[] }> {
  const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
  const stamp = randomBytes(3).toString('hex');
  const database = await openTestDatabase('bench_gateway_placement');
  const handles = engineHandlesFrom(process.env);
  const [manager] = handles;
  if (!manager) throw new Error('SHIPYARD_DOCKER is not set');
  const host = (await identify(manager)).identity.host;
  const direct = createUpstream(manager.endpoint);
  const gateway = await startGateway(database.db.dbName);
  const [gatewayHost = '127.0.0.1', gatewayPort = '0'] = gateway.address.split(':');
  const username = `bench-${stamp}`;
  const account = await createAccount(database.db, { username, passwordHash: HASH, role: 'admin', mustChangePassword: false, grants: [] });
  const { secret } = await createOwnToken(database.db, accountUser(account, { kind: 'session' }), { name: 'bench', expiresInDays: 1, readOnly: false }, '127.0.0.1');
  const token = { 'x-access-token': `${username}:${secret}` };
  const viaGateway = (method: string, path: string) =>
    http.request({ host: gatewayHost, port: Number(gatewayPort), method, path, headers: { ...token, 'content-type': 'application/json' } });
  const body = (env: string[]) => JSON.stringify({ Image: image, Cmd: ['sleep', '60'], Env: env, Labels: { 'shipyard-bench': stamp } });
  const variants = [
    { label: `straight to the engine of ${host} (no gateway)`, create: (name: string) => send(direct.request('POST', `/v1.41/containers/create?name=${name}`, { 'content-type': 'application/json' }), body([])) },
    { label: handles.length > 1 ? `gateway, placed on any of ${handles.length} hosts (spread)` : 'gateway, no rules (not placed: one engine)', create: (name: string) => send(viaGateway('POST', `/v1.41/containers/create?name=${name}`), body([])) },
    { label: `gateway, placed by constraint:node==${host}`, create: (name: string) => send(viaGateway('POST', `/v1.41/containers/create?name=${name}`), body([`constraint:node==${host}`])) },
  ];
  const samples = variants.map(() => [] as number[]);
  try {
    for (let round = -2; round < rounds; round += 1) {
      for (const [index, variant] of variants.entries()) {
        const name = `bench-gw-${stamp}-${round + 2}-${index}`;
        const started = performance.now();
        const created = await variant.create(name);
        const elapsed = performance.now() - started;
        if (created.status !== 201) throw new Error(`${variant.label}: ${created.status} ${created.text}`);
        if (round >= 0) samples[index]?.push(elapsed);
        await send(viaGateway('DELETE', `/v1.41/containers/${name}?force=1`), null);
      }
    }
  } finally {
    await gateway.close();
    stopEngines(handles);
    await database.dispose();
  }
  return { engines: handles.length, figures: variants.map((variant, index) => ({ label: variant.label, samples: samples[index] ?? [] })) };
}
