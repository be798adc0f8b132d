// Stacks through the console's REST routes against the real swarm and database: an operator
// deploys, previews an update's diff, updates and removes a stack (every request checked by the
// policy gate with the operator's identity); a host bind and privileged are refused naming the
// service and the field, leaving nothing behind; a read-only token is refused before any engine
// call; a compose file naming the swarm flat network (external) attaches its service to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountUser } from '@/lib/auth/account-user';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createNetwork } from '@/lib/networks/network-actions';
import { createNetworkSchema } from '@/lib/networks/network-schema';
import { createOwnToken } from '@/lib/tokens/manage-tokens';
import { createAccount, listEvents, type Role } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import { docker, dockerOk, testImage } from '@/tests/ipam/support/docker-cli';
import { uniqueId } from '@/tests/ipam/support/fixtures';
import { testEngineClient } from '@/tests/support/docker-client';
import { eventually } from '@/tests/support/eventually';

const dbName = uniqueDatabaseName('stacks_api');
process.env.SHIPYARD_DATABASE_NAME = dbName;
process.env.AUTH_SECRET ??= 'x'.repeat(40);
// The stored env file is sealed with the registry key (without one it is not stored at all).
process.env.SHIPYARD_REGISTRY_KEY ??= `stacks-api-key-${'k'.repeat(32)}`;
const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';
const id = uniqueId();
const stack = `sta${id}`;
const refused = `stb${id}`;
const flatStack = `stc${id}`;
const flat = `stflat-${id}`;
const third = (parseInt(id.slice(0, 2), 16) % 100) + 100;

type Who = 'viewer' | 'operator';
const tokens: Record<Who, string> = { viewer: '', operator: '' };
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Routes {
  list: Handler;
  deploy: Handler;
  detail: Handler;
  update: Handler;
  remove: Handler;
  preview: Handler;
  version: Handler;
}
let routes: Routes;

async function call(route: Handler, who: Who, method: string, path: string, params: Record<string, string> = {}, body?: unknown) {
  const request = new Request(`http://console.test/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json', [CLIENT_ADDRESS_HEADER]: '192.0.2.77' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const response = await route(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> & { error?: { code: string; message: string; fields?: { path: string }[] } } };
}

const composeFile = (replicas: number, extra = '') => `
services:
  app:
    image: \${IMAGE}
    command: ["sleep", "600"]
    stop_grace_period: 1s
    deploy:
      replicas: ${replicas}
${extra}`;
const envFile = `IMAGE=${testImage()}\n`;

const servicesOf = async (name: string) => (await docker('service', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${name}`)).stdout.split('\n').filter(Boolean);
const networksOf = async (name: string) => (await docker('network', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${name}`)).stdout.split('\n').filter(Boolean);

beforeAll(async () => {
  const { getServices, getDatabase } = await import('@/lib/server/services');
  getServices(); // plugs the policy gate in
  const collection = await import('@/app/api/v1/stacks/route');
  const one = await import('@/app/api/v1/stacks/[name]/route');
  routes = {
    list: collection.GET as Handler,
    deploy: collection.POST as Handler,
    detail: one.GET as Handler,
    update: one.PUT as Handler,
    remove: one.DELETE as Handler,
    preview: (await import('@/app/api/v1/stacks/[name]/preview/route')).POST as Handler,
    version: (await import('@/app/api/v1/stacks/[name]/versions/[version]/route')).GET as Handler,
  };
  const db = await getDatabase();
  for (const [who, role] of [['viewer', 'viewer'], ['operator', 'operator']] as [Who, Role][]) {
    const account = await createAccount(db, { username: `${stack}-${who}`, passwordHash: HASH, role, mustChangePassword: false });
    ({ secret: tokens[who] } = await createOwnToken(db, accountUser(account, { kind: 'session' }), { name: `${stack}-${who}`, expiresInDays: 1, readOnly: who === 'viewer' }, 'test'));
  }
});

afterAll(async () => {
  const { removeStack } = await import('@/lib/stacks/stack-deploy');
  const engine = testEngineClient();
  for (const name of [stack, refused, flatStack]) await removeStack(engine, name).catch(() => undefined);
  await eventually(
    () => docker('network', 'rm', flat),
    (result) => result.code === 0 || /not found/i.test(result.stderr),
  ).catch(() => undefined);
  await eventually(
    () => docker('network', 'rm', `${flat}-config`),
    (result) => result.code === 0 || /not found/i.test(result.stderr),
  ).catch(() => undefined);
  const cleanup = connectTestDatabase(dbName);
  await cleanup.run(cleanup.r.dbDrop(dbName)).catch(() => undefined);
  await cleanup.close();
});

describe('stacks through the REST API', () => {
  it('deploys, lists with tasks, previews the diff, updates, keeps the history, and removes', async () => {
    const deployed = await call(routes.deploy, 'operator', 'POST', '/stacks', {}, { name: stack, composeFile: composeFile(1), envFile });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
    expect(deployed.body.stack).toMatchObject({ name: stack, version: 1, created: [`${stack}_app`], networksCreated: [`${stack}_default`] });
    expect(await dockerOk('service', 'inspect', '-f', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', `${stack}_app`)).toBe(testImage());

    const again = await call(routes.deploy, 'operator', 'POST', '/stacks', {}, { name: stack, composeFile: composeFile(1), envFile });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });

    const listed = await call(routes.list, 'viewer', 'GET', '/stacks');
    expect((listed.body.stacks as { name: string }[]).find((entry) => entry.name === stack)).toMatchObject({ services: 1, version: 1, updatedBy: `${stack}-operator` });
    const running = await eventually(
      () => call(routes.detail, 'viewer', 'GET', `/stacks/${stack}`, { name: stack }),
      (answer) => (answer.body.stack as { tasksRunning?: number } | undefined)?.tasksRunning === 1,
    );
    expect(running.body.stack).toMatchObject({ serviceViews: [{ name: `${stack}_app`, tasks: [{ state: 'running' }] }], history: [{ version: 1, deployedBy: `${stack}-operator` }] });

    const changed = { composeFile: composeFile(2, `  extra:\n    image: \${IMAGE}\n    command: ["sleep", "600"]\n`), envFile };
    const preview = await call(routes.preview, 'operator', 'POST', `/stacks/${stack}/preview`, { name: stack }, changed);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const changes = preview.body.changes as { service: string; change: string; lines: { kind: string; text: string }[] }[];
    expect(changes.map((change) => [change.service, change.change])).toEqual([[`${stack}_app`, 'update'], [`${stack}_extra`, 'create']]);
    expect(changes[0]?.lines.filter((line) => line.kind !== 'same').map((line) => `${line.kind} ${line.text.trim()}`)).toEqual(['removed "Replicas": 1', 'added "Replicas": 2']);
    expect(await dockerOk('service', 'inspect', '-f', '{{.Spec.Mode.Replicated.Replicas}}', `${stack}_app`)).toBe('1');

    const updated = await call(routes.update, 'operator', 'PUT', `/stacks/${stack}`, { name: stack }, changed);
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.stack).toMatchObject({ version: 2, updated: [`${stack}_app`], created: [`${stack}_extra`] });
    expect(await dockerOk('service', 'inspect', '-f', '{{.Spec.Mode.Replicated.Replicas}}', `${stack}_app`)).toBe('2');

    const first = await call(routes.version, 'operator', 'GET', `/stacks/${stack}/versions/1`, { name: stack, version: '1' });
    expect(first.body.version).toMatchObject({ version: 1, deployedBy: `${stack}-operator`, composeFile: composeFile(1), envFile });
    const asViewer = await call(routes.version, 'viewer', 'GET', `/stacks/${stack}/versions/1`, { name: stack, version: '1' });
    expect(asViewer.body.version).toMatchObject({ composeFile: composeFile(1), envFile: null, envFileHidden: true });
    const detail = await call(routes.detail, 'viewer', 'GET', `/stacks/${stack}`, { name: stack });
    expect((detail.body.stack as { history: { version: number }[] }).history.map((entry) => entry.version)).toEqual([2, 1]);

    const removed = await call(routes.remove, 'operator', 'DELETE', `/stacks/${stack}`, { name: stack });
    expect(removed.status).toBe(204);
    expect(await servicesOf(stack)).toEqual([]);
    // The node drops its copy of a swarm network a moment after the manager removed it.
    await eventually(() => networksOf(stack), (left) => left.length === 0);
    expect((await call(routes.detail, 'viewer', 'GET', `/stacks/${stack}`, { name: stack })).status).toBe(404);

    const { getDatabase } = await import('@/lib/server/services');
    const events = (await listEvents(await getDatabase(), { limit: 100 })).filter((event) => event.target === stack);
    expect(events.map((event) => `${event.action} ${event.outcome}`).reverse()).toEqual(['stack.deploy success', 'stack.deploy failure', 'stack.update success', 'stack.remove success']);
  });

  it("refuses an operator's host bind with the policy's field, named by service, and leaves nothing behind", async () => {
    const file = composeFile(1, `  db:\n    image: \${IMAGE}\n    command: ["sleep", "600"]\n    volumes:\n      - /etc:/host-etc:ro\n`);
    const answer = await call(routes.deploy, 'operator', 'POST', '/stacks', {}, { name: refused, composeFile: file, envFile });
    expect(answer.status, JSON.stringify(answer.body)).toBe(403);
    expect(answer.body.error?.message).toMatch(/^Service db: Shipyard refuses TaskTemplate\.ContainerSpec\.Mounts\[0\]\.Type/);
    expect(answer.body.error?.fields?.[0]?.path).toBe('services.db.TaskTemplate.ContainerSpec.Mounts[0].Type');
    expect(await servicesOf(refused)).toEqual([]);
    await eventually(() => networksOf(refused), (left) => left.length === 0);

    const privileged = await call(routes.deploy, 'operator', 'POST', '/stacks', {}, { name: refused, composeFile: composeFile(1, '    privileged: true\n'), envFile });
    expect(privileged.status, JSON.stringify(privileged.body)).toBe(422);
    expect(privileged.body.error?.message).toContain('services.app.privileged');
  });

  it('refuses a read-only token before anything is deployed', async () => {
    const answer = await call(routes.deploy, 'viewer', 'POST', '/stacks', {}, { name: refused, composeFile: composeFile(1), envFile });
    expect(answer.status).toBe(403);
    expect(await servicesOf(refused)).toEqual([]);
  });

  it('attaches a service to the swarm flat network named as an external network', async () => {
    const subnet = `10.196.${third}.0/24`;
    const input = createNetworkSchema.parse({ kind: 'swarm-flat', name: flat, subnet, gateway: `10.196.${third}.1`, router: `10.196.${third}.254`, bridgeName: `stf${id}`.slice(0, 15) });
    await createNetwork(testEngineClient(), input, { driver: 'default', plugins: async () => [{ name: 'default', enabled: true }] });
    const file = `services:\n  app:\n    image: ${testImage()}\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n    networks: [flat]\nnetworks:\n  flat:\n    external: true\n    name: ${flat}\n`;
    const answer = await call(routes.deploy, 'operator', 'POST', '/stacks', {}, { name: flatStack, composeFile: file });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.stack).toMatchObject({ networksCreated: [] });
    const flatId = await dockerOk('network', 'inspect', '-f', '{{.Id}}', flat);
    expect(await dockerOk('service', 'inspect', '-f', '{{range .Spec.TaskTemplate.Networks}}{{.Target}}{{end}}', `${flatStack}_app`)).toBe(flatId);
    const task = await eventually(
      () => dockerOk('service', 'ps', '--no-trunc', '-f', 'desired-state=running', '--format', '{{.CurrentState}}', `${flatStack}_app`),
      (state) => state.startsWith('Running'),
    );
    expect(task).toMatch(/^Running/);
    expect((await call(routes.remove, 'operator', 'DELETE', `/stacks/${flatStack}`, { name: flatStack })).status).toBe(204);
    expect(await dockerOk('network', 'inspect', '-f', '{{.Name}}', flat)).toBe(flat);
  });
});
