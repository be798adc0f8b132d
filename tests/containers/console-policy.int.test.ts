// Issue 12's classes through the console's own paths: the real REST route handlers (with the
// services object, which plugs the policy gate in) and the exec WebSocket, against the stack's
// engine, for a viewer's read-only token (refused before any engine call), an operator (refused
// by the policy, naming the field) and an admin (allowed). A privileged or host-mounting
// container is not started here: for the admin, the test reads the engine's stored spec.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { accountUser } from '@/lib/auth/account-user';
import { type EngineRequestGate, allowEveryRequest, setEngineRequestGate } from '@/lib/docker/engine-request';
import { policyGate } from '@/lib/docker/policy-gate';
import { rawLookup } from '@/lib/docker/gated-modem';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createOwnToken } from '@/lib/tokens/manage-tokens';
import { createAccount, type Role } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import { testDockerClient } from '@/tests/support/docker-client';
import { docker, dockerOk, testImage } from '../ipam/support/docker-cli';

const dbName = uniqueDatabaseName('console_policy');
process.env.SHIPYARD_DATABASE_NAME = dbName;
process.env.AUTH_SECRET ??= 'x'.repeat(40);
const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';
const stamp = `sypol-${Date.now().toString(36)}`;
const name = (what: string) => `${stamp}-${what}`;

type Who = 'viewer' | 'operator' | 'admin';
const tokens: Record<Who, string> = { viewer: '', operator: '', admin: '' };
const usernames: Record<Who, string> = { viewer: `${stamp}-viewer`, operator: `${stamp}-operator`, admin: `${stamp}-admin` };
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: Record<'containers' | 'networks' | 'services' | 'rollback', Handler> = {} as Record<'containers' | 'networks' | 'services' | 'rollback', Handler>;

/** Every request the suite sends to the console on an adversarial path (REST calls and WebSocket upgrades). */
let adversarialRequests = 0;
/** What each user's actions asked of an engine: the gate sees every request before it is sent. */
const engineCalls: Record<string, string[]> = {};

let hostbox: string;
let hostNetworkId: string;
let existingBridge: string;
let server: Server;
let base: string;
let closeExec: () => void;

async function post(route: Handler, who: Who, path: string, body: unknown, params: Record<string, string> = {}) {
  adversarialRequests += 1;
  const request = new Request(`http://console.test${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json', [CLIENT_ADDRESS_HEADER]: '192.0.2.61' },
    body: JSON.stringify(body),
  });
  const response = await route(request, { params: Promise.resolve(params) });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string }; [key: string]: unknown } };
}

/** The three callers on one request: the viewer's read-only token never reaches an engine, the operator is refused naming `field`, the admin is allowed. */
async function threeWays(route: Handler, path: string, body: (who: Who) => unknown, field: string, params: Record<string, string> = {}) {
  const before = engineCalls[usernames.viewer]?.length ?? 0;
  const viewer = await post(route, 'viewer', path, body('viewer'), params);
  expect(viewer.status).toBe(403);
  expect(viewer.body.error?.message).toContain('read-only');
  expect(engineCalls[usernames.viewer]?.length ?? 0).toBe(before);
  const operator = await post(route, 'operator', path, body('operator'), params);
  expect(operator, JSON.stringify(operator.body)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  expect(operator.body.error?.message).toContain(field);
  const admin = await post(route, 'admin', path, body('admin'), params);
  expect(admin.status, JSON.stringify(admin.body)).toBeLessThan(300);
  return admin.body;
}

async function inspectJson<T>(...args: string[]): Promise<T> {
  return JSON.parse(await dockerOk(...args)) as T;
}

beforeAll(async () => {
  const { getServices, getDatabase } = await import('@/lib/server/services');
  routes.containers = (await import('@/app/api/v1/containers/route')).POST as Handler;
  routes.networks = (await import('@/app/api/v1/networks/route')).POST as Handler;
  routes.services = (await import('@/app/api/v1/swarm/services/route')).POST as Handler;
  routes.rollback = (await import('@/app/api/v1/swarm/services/[id]/rollback/route')).POST as Handler;
  const services = getServices();
  // The services object plugged the policy gate in; this one records who asked, then applies it.
  const recording: EngineRequestGate = (request, caller, lookup) => {
    if ('username' in caller) (engineCalls[caller.username] ??= []).push(`${request.method} ${request.path}`);
    return policyGate(request, caller, lookup);
  };
  setEngineRequestGate(recording);

  const db = await getDatabase();
  for (const [who, role] of [['viewer', 'viewer'], ['operator', 'operator'], ['admin', 'admin']] as [Who, Role][]) {
    const account = await createAccount(db, { username: usernames[who], passwordHash: HASH, role, mustChangePassword: false });
    ({ secret: tokens[who] } = await createOwnToken(db, accountUser(account, { kind: 'session' }), { name: `${stamp}-${who}`, expiresInDays: 1, readOnly: who === 'viewer' }, 'test'));
  }

  hostbox = await dockerOk('run', '-d', '--name', name('hostbox'), '--label', `io.shipyard.test=${stamp}`, '-v', '/tmp:/host:ro', testImage(), 'sleep', '600');
  await dockerOk('run', '-d', '--name', name('plainbox'), '--label', `io.shipyard.test=${stamp}`, testImage(), 'sleep', '600');
  hostNetworkId = await dockerOk('network', 'inspect', '-f', '{{.Id}}', 'host');
  const network = await dockerOk('network', 'create', '--label', `io.shipyard.test=${stamp}`, name('net'));
  existingBridge = `br-${network.slice(0, 12)}`;

  const { execUpgradeRoute } = await import('@/lib/exec/exec-upgrade');
  const { dispatchUpgrades } = await import('@/lib/server/upgrade-dispatch');
  const exec = execUpgradeRoute({ database: getDatabase, context: () => services.containers, secret: () => process.env.AUTH_SECRET ?? '' });
  closeExec = () => exec.close();
  server = createServer((_request, response) => response.writeHead(404).end());
  dispatchUpgrades(server, { 'container-exec': exec }, { trustProxy: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  setEngineRequestGate(allowEveryRequest);
  closeExec?.();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  const left = await docker('ps', '-aq', '--filter', `label=io.shipyard.test=${stamp}`);
  if (left.stdout) await docker('rm', '-f', ...left.stdout.split('\n'));
  const made = await docker('ps', '-aq', '--filter', `name=${stamp}`);
  if (made.stdout) await docker('rm', '-f', ...made.stdout.split('\n'));
  const services = await docker('service', 'ls', '-q', '--filter', `name=${stamp}`);
  if (services.stdout) await docker('service', 'rm', ...services.stdout.split('\n'));
  const networks = await docker('network', 'ls', '-q', '--filter', `name=${stamp}`);
  if (networks.stdout) await docker('network', 'rm', ...networks.stdout.split('\n'));
  const cleanup = connectTestDatabase(dbName);
  await cleanup.run(cleanup.r.dbDrop(dbName)).catch(() => undefined);
  await cleanup.close();
  // The console's 403s were counted: the closing note of issue 12 reports the total.
  console.info(`console-policy: ${adversarialRequests} adversarial requests`);
});

const container = (what: string, fields: Record<string, unknown>) => () => ({
  name: name(`${what}-${Math.random().toString(36).slice(2, 7)}`),
  image: testImage(),
  command: ['sleep', '600'],
  start: false,
  labels: { 'io.shipyard.test': stamp },
  ...fields,
});

describe('container create through the REST API', () => {
  it('network container:<a container that mounts the host>: refused for an operator, stored for an admin', async () => {
    const created = await threeWays(routes.containers, '/api/v1/containers', container('shares', { network: `container:${name('hostbox')}` }), 'HostConfig.NetworkMode');
    const stored = await inspectJson<[{ HostConfig: { NetworkMode: string } }]>('inspect', (created.container as { id: string }).id);
    expect(stored[0].HostConfig.NetworkMode).toBe(`container:${hostbox}`);
  });

  it('the host network by its id: refused for an operator, stored for an admin', async () => {
    const created = await threeWays(routes.containers, '/api/v1/containers', container('hostnet', { network: hostNetworkId }), 'HostConfig.NetworkMode');
    const stored = await inspectJson<[{ HostConfig: { NetworkMode: string } }]>('inspect', (created.container as { id: string }).id);
    expect([hostNetworkId, 'host']).toContain(stored[0].HostConfig.NetworkMode);
  });

  it('host-escaping options (privileged, a host path): refused for an operator, stored for an admin', async () => {
    const privileged = await threeWays(routes.containers, '/api/v1/containers', container('priv', { privileged: true }), 'privileged');
    expect(await dockerOk('inspect', '-f', '{{.HostConfig.Privileged}}', (privileged.container as { id: string }).id)).toBe('true');
    const bound = await threeWays(routes.containers, '/api/v1/containers', container('bind', { volumes: [{ source: '/tmp', target: '/host' }] }), 'volumes');
    expect(await dockerOk('inspect', '-f', '{{range .Mounts}}{{.Type}}:{{.Source}}{{end}}', (bound.container as { id: string }).id)).toBe('bind:/tmp');
  });

  it('an operator still creates an ordinary container on a user network, sent as checked (the network by its full id)', async () => {
    const before = engineCalls[usernames.operator]?.length ?? 0;
    const made = await post(routes.containers, 'operator', '/api/v1/containers', {
      ...container('ordinary', { network: name('net'), cpus: 0.5, memoryMb: 32, env: ['A=1'], restartPolicy: 'unless-stopped', ports: [{ containerPort: 80, protocol: 'tcp' }] })(),
      start: true,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = (made.body.container as { id: string }).id;
    expect(await dockerOk('inspect', '-f', '{{.State.Running}} {{.HostConfig.NanoCpus}} {{.HostConfig.RestartPolicy.Name}} {{.HostConfig.CgroupnsMode}}', id)).toBe('true 500000000 unless-stopped private');
    expect(engineCalls[usernames.operator]?.slice(before)).toContainEqual(expect.stringMatching(/^POST \/containers\/create\?name=/));
  });
});

/** Opens the exec WebSocket; resolves with the socket once open, or with the HTTP refusal. */
function openExec(container: string, who: Who): Promise<{ socket: WebSocket } | { status: number; message: string }> {
  adversarialRequests += 1;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base}/api/v1/containers/${encodeURIComponent(container)}/exec?command=sh`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, message: (JSON.parse(text) as { error: { message: string } }).error.message }));
    });
    socket.once('error', reject);
  });
}

describe('the exec WebSocket', () => {
  it('opens no shell in a container that mounts the host for an operator (403 before the upgrade, naming the container); a read-only token reaches no engine; an admin gets one', async () => {
    const before = engineCalls[usernames.viewer]?.length ?? 0;
    expect(await openExec(name('hostbox'), 'viewer')).toMatchObject({ status: 403, message: expect.stringContaining('read-only') });
    expect(engineCalls[usernames.viewer]?.length ?? 0).toBe(before);

    const operator = await openExec(name('hostbox'), 'operator');
    expect(operator).toMatchObject({ status: 403, message: expect.stringContaining('path.container') });
    expect('message' in operator && operator.message).toContain('host path');
    // Nothing was created in the container.
    expect(await dockerOk('inspect', '-f', '{{len .ExecIDs}}', hostbox)).toBe('0');

    const admin = await openExec(name('hostbox'), 'admin');
    expect(admin).toHaveProperty('socket');
    if ('socket' in admin) admin.socket.close();
  });

  it('opens an operator\'s shell in an ordinary container', async () => {
    const operator = await openExec(name('plainbox'), 'operator');
    expect(operator).toHaveProperty('socket');
    if (!('socket' in operator)) return;
    let output = '';
    operator.socket.on('message', (data, binary) => {
      if (binary) output += Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
    });
    await expect.poll(() => output, { timeout: 10_000 }).toContain('#');
    operator.socket.close();
  });
});

describe('swarm services through the REST API', () => {
  it('rollback to a previous spec nobody checked (a host path): refused for an operator naming the mount, restored for an admin', async () => {
    const service = name('rollback');
    await dockerOk('service', 'create', '-d', '--name', service, '--replicas', '0', '--label', `io.shipyard.test=${stamp}`, '--mount', 'type=bind,source=/tmp,target=/host', testImage(), 'sleep', '600');
    await dockerOk('service', 'update', '-d', '--mount-rm', '/host', service);
    await threeWays(routes.rollback, `/api/v1/swarm/services/${service}/rollback`, () => ({}), 'Mounts', { id: service });
    const mounts = await dockerOk('service', 'inspect', '-f', '{{range .Spec.TaskTemplate.ContainerSpec.Mounts}}{{.Type}}:{{.Source}}{{end}}', service);
    expect(mounts).toBe('bind:/tmp');
  });

  it('an operator\'s rollback of an ordinary service restores its previous spec (sent as a checked update)', async () => {
    const service = name('rollback-ok');
    await dockerOk('service', 'create', '-d', '--name', service, '--replicas', '0', '--label', `io.shipyard.test=${stamp}`, '--env', 'STAGE=one', testImage(), 'sleep', '600');
    await dockerOk('service', 'update', '-d', '--env-add', 'STAGE=two', service);
    const rolledBack = await post(routes.rollback, 'operator', `/api/v1/swarm/services/${service}/rollback`, {}, { id: service });
    expect(rolledBack.status, JSON.stringify(rolledBack.body)).toBe(200);
    expect(await dockerOk('service', 'inspect', '-f', '{{json .Spec.TaskTemplate.ContainerSpec.Env}}', service)).toBe('["STAGE=one"]');
  });

  it('the host network named by its id in a service\'s networks: refused for an operator, stored for an admin', async () => {
    const body = (who: Who) => ({ name: name(`svc-${who}`), image: testImage(), replicas: 0, command: ['sleep', '600'], networks: [hostNetworkId], labels: { 'io.shipyard.test': stamp } });
    await threeWays(routes.services, '/api/v1/swarm/services', body, 'Networks');
    // The engine stores the swarm's own host network (its swarm-scoped id) for the local one's id.
    const swarmHostId = await dockerOk('service', 'inspect', '-f', '{{range .Spec.TaskTemplate.Networks}}{{.Target}}{{end}}', name('svc-admin'));
    expect(swarmHostId).toMatch(/^[a-z0-9]{25}$/);
    // That id too is the host network for an operator.
    const bySwarmId = await post(routes.services, 'operator', '/api/v1/swarm/services', { ...body('operator'), name: name('svc-swarmid'), networks: [swarmHostId] });
    expect(bySwarmId.status).toBe(403);
    expect(bySwarmId.body.error?.message).toContain('Networks');
  });
});

describe('network create through the REST API', () => {
  const flat = (bridgeName: string, subnet: number) => () => ({
    kind: 'flat',
    name: name(`flat-${bridgeName}`),
    subnet: `10.193.${subnet}.0/24`,
    gateway: `10.193.${subnet}.1`,
    router: `10.193.${subnet}.254`,
    bridgeName,
    ipamDriver: 'default',
    otherIpamDriver: true,
    labels: { 'io.shipyard.test': stamp },
  });

  it('bridge name docker0 or an existing network\'s bridge: refused for a read-only token and an operator, naming the option; an admin passes the gate (not sent: it would break the engine\'s bridge)', async () => {
    const admin = { username: usernames.admin, role: 'admin' as const };
    const lookup = rawLookup(testDockerClient().modem);
    for (const [bridge, subnet] of [['docker0', 41], [existingBridge, 42]] as const) {
      const viewer = await post(routes.networks, 'viewer', '/api/v1/networks', flat(bridge, subnet)());
      expect(viewer.status).toBe(403);
      const operator = await post(routes.networks, 'operator', '/api/v1/networks', flat(bridge, subnet)());
      expect(operator.status).toBe(403);
      expect(operator.body.error?.message).toContain('Options.com.docker.network.bridge.name');
      const body = { Name: name('dry'), Driver: 'bridge', Options: { 'com.docker.network.bridge.name': bridge } };
      const request = { engine: 'test', method: 'POST', path: '/networks/create', query: {}, body, hijack: false, upload: false };
      await expect(policyGate(request, admin, lookup)).resolves.toBeUndefined();
    }
    expect((await docker('network', 'inspect', name('flat-docker0'))).code).not.toBe(0);
  });

  it('an operator still creates a flat network with a bridge name of its own', async () => {
    const made = await post(routes.networks, 'operator', '/api/v1/networks', flat(`sy${Date.now().toString(36).slice(-6)}`, 43)());
    expect(made.status, JSON.stringify(made.body)).toBe(201);
  });
});
