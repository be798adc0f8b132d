// The Docker API gateway as an attacker drives it: hand-written HTTP/1.1 on raw sockets against a
// real gateway in front of the stack's engine, for a viewer's read-only token, an operator's and an
// admin's (the admin is allowed). Each case is one of issue 12's classes. A privileged container
// cannot run in this sandbox: where the admin is allowed one, the test reads the engine's stored spec.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountUser } from '@/lib/auth/account-user';
import { createOwnToken } from '@/lib/tokens/manage-tokens';
import { createAccount, migrate, type DatabaseHandle, type Role } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import type { DockerGateway } from './start-gateway';
import { createUpstream, type Upstream } from './upstream';
import { startGatewayOnFreePort } from '@/tests/support/gateway-on-free-port';

const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';
const IMAGE = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const stamp = `gwattack-${Date.now().toString(36)}`;
const name = (what: string) => `${stamp}-${what}`;

type Who = 'viewer' | 'operator' | 'admin';
const EVERYONE: readonly Who[] = ['viewer', 'operator', 'admin'];
const tokens: Record<Who, string> = { viewer: '', operator: '', admin: '' };

let gateway: DockerGateway;
let upstream: Upstream;
let database: DatabaseHandle;
let databaseName: string;
/** Every HTTP request the suite writes on a raw socket to the gateway, pipelined ones included. */
let adversarialRequests = 0;

// ---- the engine itself, for set-up, stored specs and clean-up ----

function engine(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = upstream.request(method, `/v1.41${path}`, { 'content-type': 'application/json', ...(payload ? { 'content-length': Buffer.byteLength(payload) } : {}) });
    request.once('error', reject);
    request.once('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.once('end', () => {
        let json: unknown = null;
        try {
          json = text ? (JSON.parse(text) as unknown) : null;
        } catch {
          json = null;
        }
        resolve({ status: response.statusCode ?? 0, json, text });
      });
    });
    request.end(payload);
  });
}

async function engineOk<T>(method: string, path: string, body?: unknown): Promise<T> {
  const answer = await engine(method, path, body);
  if (answer.status >= 300) throw new Error(`engine ${method} ${path}: ${answer.status} ${answer.text}`);
  return answer.json as T;
}

interface Inspected {
  Id: string;
  Name: string;
  ExecIDs: string[] | null;
  HostConfig: Record<string, unknown>;
}
const inspect = (container: string) => engineOk<Inspected>('GET', `/containers/${container}/json`);

async function runContainer(what: string, hostConfig: Record<string, unknown> = {}): Promise<string> {
  const { Id } = await engineOk<{ Id: string }>('POST', `/containers/create?name=${name(what)}`, { Image: IMAGE, Cmd: ['sleep', '600'], HostConfig: hostConfig });
  await engineOk('POST', `/containers/${Id}/start`);
  return Id;
}

// ---- raw HTTP/1.1 ----

interface RawAnswer {
  text: string;
  /** The status of every HTTP answer on the connection, in order. */
  statuses: number[];
  /** The gateway closed the connection (rather than the test giving up waiting). */
  closed: boolean;
}

const REQUEST_LINE = /^(GET|HEAD|POST|PUT|DELETE) \S+ HTTP\/1\.1\r$/gm;

/** Writes the chunks on one connection (`gapMs` apart) and reads until the gateway closes it or it stays quiet for `idleMs`. */
function raw(chunks: readonly string[], { gapMs = 0, idleMs = 2_000, between }: { gapMs?: number; idleMs?: number; between?: () => Promise<void> } = {}): Promise<RawAnswer> {
  for (const chunk of chunks) adversarialRequests += chunk.match(REQUEST_LINE)?.length ?? 0;
  const [host, port] = gateway.address.split(':');
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port: Number(port) });
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed, statuses: [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((found) => Number(found[1])) });
    };
    const idle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => done(false), idleMs);
    };
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      idle();
    });
    socket.once('close', () => done(true));
    socket.once('error', reject);
    socket.once('connect', () => {
      void (async () => {
        for (const [index, chunk] of chunks.entries()) {
          if (index > 0 && gapMs > 0) await new Promise((wait) => setTimeout(wait, gapMs));
          if (index > 0 && between) await between();
          socket.write(chunk);
        }
        idle();
      })();
    });
  });
}

/** One request as text; `close` asks the gateway to close after answering. */
function request(who: Who | null, method: string, path: string, { body, headers = {}, close = true }: { body?: unknown; headers?: Record<string, string>; close?: boolean } = {}): string {
  const payload = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: gateway', ...(who ? [`Authorization: Bearer ${tokens[who]}`] : [])];
  if (body !== undefined) lines.push(...(headers['Content-Type'] ? [] : ['Content-Type: application/json']), `Content-Length: ${Buffer.byteLength(payload)}`);
  for (const [header, value] of Object.entries(headers)) lines.push(`${header}: ${value}`);
  if (close && !headers.Connection) lines.push('Connection: close');
  return `${lines.join('\r\n')}\r\n\r\n${payload}`;
}

const UPGRADE = { Connection: 'Upgrade', Upgrade: 'tcp' };

/** The first answer's body, its chunked framing undone. */
function firstBody(text: string): string {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  let body = rest.join('\r\n\r\n');
  if (!/^transfer-encoding: chunked$/im.test(head)) return body;
  let decoded = '';
  for (;;) {
    const line = body.indexOf('\r\n');
    const size = parseInt(body.slice(0, line), 16);
    if (!(size > 0)) return decoded;
    decoded += body.slice(line + 2, line + 2 + size);
    body = body.slice(line + 2 + size + 2);
  }
}

const createdId = (text: string) => (JSON.parse(firstBody(text)) as { Id: string }).Id;

/** One call on its own connection: the first answer's status and its body's message. */
async function call(who: Who | null, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; message: string; text: string }> {
  const answer = await raw([request(who, method, path, options)]);
  const bodyText = firstBody(answer.text);
  let message = bodyText;
  try {
    message = (JSON.parse(bodyText) as { message?: string }).message ?? bodyText;
  } catch {
    // not JSON: keep the text
  }
  return { status: answer.statuses[0] ?? 0, message, text: answer.text };
}

/** What a viewer's read-only token and an operator get for a host-escaping request; the admin's answer is returned. */
async function refusedButForAdmin(method: string, path: string, body: unknown, operatorWords: string | RegExp): Promise<{ status: number; message: string }> {
  const viewer = await call('viewer', method, path, { body });
  expect(viewer.status, `viewer ${method} ${path} ${JSON.stringify(body)}`).toBe(403);
  expect(viewer.message).toContain('This API token is read-only');
  const operator = await call('operator', method, path, { body });
  expect(operator.status, `operator ${method} ${path} ${JSON.stringify(body)}: ${operator.message}`).toBe(403);
  expect(operator.message).toMatch(operatorWords);
  return call('admin', method, path, { body });
}

// ---- set-up ----

async function tokenFor(username: string, role: Role, readOnly: boolean): Promise<string> {
  const account = await createAccount(database, { username, passwordHash: HASH, role, mustChangePassword: false, grants: [] });
  const { secret } = await createOwnToken(database, accountUser(account, { kind: 'session' }), { name: 'attacker', expiresInDays: 1, readOnly }, '127.0.0.1');
  return secret;
}

/** The gateway on the first free port of 23770-23779 (the other gateway suites use 23750-23769). */
async function startOnFreePort(): Promise<DockerGateway> {
  return startGatewayOnFreePort([23770, 23779], { SHIPYARD_DATABASE_NAME: databaseName, SHIPYARD_TRUST_PROXY: '' }, (config) => (upstream = createUpstream(config.docker)));
}

/** A plain running container, and one that mounts a host path (the sandbox runs that, not a privileged one). */
const box = { plain: '', hostMount: '' };
const networks = { host: '', none: '', swarmHost: '' };

beforeAll(async () => {
  databaseName = uniqueDatabaseName('gateway_attack');
  database = connectTestDatabase(databaseName);
  await migrate(database);
  gateway = await startOnFreePort();
  tokens.viewer = await tokenFor(`${stamp}-viewer`, 'viewer', true);
  tokens.operator = await tokenFor(`${stamp}-op`, 'operator', false);
  tokens.admin = await tokenFor(`${stamp}-admin`, 'admin', false);
  box.plain = await runContainer('plain');
  box.hostMount = await runContainer('hostmount', { Binds: ['/tmp:/host:ro'] });
  networks.host = (await engineOk<{ Id: string }>('GET', '/networks/host')).Id;
  networks.none = (await engineOk<{ Id: string }>('GET', '/networks/none')).Id;
  networks.swarmHost = (await engineOk<{ Id: string }>('GET', '/networks/host?scope=swarm')).Id;
});

afterAll(async () => {
  const filters = encodeURIComponent(JSON.stringify({ name: [stamp] }));
  if (upstream) {
    for (const service of await engineOk<{ ID: string }[]>('GET', `/services?filters=${filters}`)) await engine('DELETE', `/services/${service.ID}`);
    for (const container of await engineOk<{ Id: string }[]>('GET', `/containers/json?all=1&filters=${filters}`)) await engine('DELETE', `/containers/${container.Id}?force=1&v=1`);
    const volumes = await engineOk<{ Volumes: { Name: string }[] | null }>('GET', `/volumes?filters=${filters}`);
    for (const volume of volumes.Volumes ?? []) await engine('DELETE', `/volumes/${volume.Name}?force=1`);
  }
  await gateway?.close();
  if (database) {
    await database.run(database.r.dbDrop(databaseName)).catch(() => undefined);
    await database.close();
  }
  console.info(`gateway-adversarial: ${adversarialRequests} adversarial requests sent on raw sockets`);
});

describe('the gateway against an attacker, on raw sockets', () => {
  it('refuses an upgrade where the engine does not hijack, and forwards nothing pipelined after it', async () => {
    const pipelined = request('operator', 'GET', '/v1.41/swarm', { close: false }) + request('operator', 'POST', `/v1.41/containers/create?name=${name('smuggled')}`, { body: { Image: IMAGE, HostConfig: { Privileged: true } } });
    for (const who of EVERYONE) {
      for (const path of ['/_ping', '/v1.41/_ping', '/v1.41/containers/json', '/v1.41/version']) {
        for (const headers of [UPGRADE, { Connection: 'keep-alive, Upgrade', Upgrade: 'h2c' }, { Upgrade: 'tcp', Connection: 'keep-alive' }]) {
          const answer = await raw([request(who, 'GET', path, { headers, close: false }) + pipelined]);
          expect(answer.statuses, `${who} ${path} ${JSON.stringify(headers)}`).toEqual([400]);
          expect(answer.text).toContain('takes no connection upgrade: only attach and exec start do');
          expect(answer.text).not.toContain('JoinTokens');
          expect(answer.closed).toBe(true);
        }
      }
    }
    expect((await engine('GET', `/containers/${name('smuggled')}/json`)).status).toBe(404);
  });

  it('checks each request pipelined on an ordinary connection on its own', async () => {
    const answer = await raw([
      request('operator', 'GET', '/v1.41/containers/json', { close: false }) + request('operator', 'GET', '/v1.41/swarm', { close: false }) + request('operator', 'GET', '/v1.41/_ping'),
    ]);
    expect(answer.statuses).toEqual([200, 403]);
    expect(answer.text).toContain('Only an admin may call GET /swarm');
    expect(answer.text).not.toContain('JoinTokens');
  });

  it('after a real exec start the connection carries only that stream, then closes', async () => {
    const pipelined = request('admin', 'GET', '/v1.41/swarm', { close: false }) + request('admin', 'POST', `/v1.41/containers/create?name=${name('after-exec')}`, { body: { Image: IMAGE } });
    for (const who of ['operator', 'admin'] as const) {
      const made = await call(who, 'POST', `/v1.41/containers/${box.plain}/exec`, { body: { Cmd: ['echo', 'hijacked'], AttachStdout: true, AttachStderr: true, Tty: true } });
      expect(made.status).toBe(201);
      const execId = createdId(made.text);
      const started = await raw([request(who, 'POST', `/v1.41/exec/${execId}/start`, { body: { Detach: false, Tty: true }, headers: UPGRADE, close: false }) + pipelined], { idleMs: 5_000 });
      expect(started.statuses, who).toEqual([101]);
      expect(started.text).toContain('hijacked');
      expect(started.text).not.toContain('JoinTokens');
      expect(started.closed).toBe(true);

      // Detached, the engine answers as usual instead of hijacking: the gateway closes after that answer.
      const again = await call(who, 'POST', `/v1.41/containers/${box.plain}/exec`, { body: { Cmd: ['sleep', '0'] } });
      const detachedId = createdId(again.text);
      const detached = await raw([request(who, 'POST', `/v1.41/exec/${detachedId}/start`, { body: { Detach: true }, headers: UPGRADE, close: false }) + pipelined]);
      expect(detached.statuses, `${who}: ${detached.text}`).toEqual([200]);
      expect(detached.text).not.toContain('JoinTokens');
      expect(detached.closed).toBe(true);

      const unknown = await raw([request(who, 'POST', '/v1.41/exec/0123456789abcdef/start', { body: { Detach: false }, headers: UPGRADE, close: false }) + pipelined]);
      expect(unknown.statuses).toEqual([404]);
      expect(unknown.text).not.toContain('JoinTokens');
      expect(unknown.closed).toBe(true);
    }
    expect((await engine('GET', `/containers/${name('after-exec')}/json`)).status).toBe(404);
    const viewer = await raw([request('viewer', 'POST', '/v1.41/exec/0123456789abcdef/start', { body: { Detach: false }, headers: UPGRADE, close: false }) + pipelined]);
    expect(viewer.statuses).toEqual([403]);
    expect(viewer.text).toContain('read-only');
  });

  it('reads legacy top-level host settings, without HostConfig and with HostConfig null', async () => {
    const settings: [Record<string, unknown>, string, (stored: Record<string, unknown>) => unknown, unknown][] = [
      [{ Privileged: true }, 'privileged mode', (stored) => stored.Privileged, true],
      [{ Binds: ['/:/host'] }, 'host bind mounts', (stored) => stored.Binds, ['/:/host']],
      [{ PidMode: 'host' }, 'the host PID namespace', (stored) => stored.PidMode, 'host'],
      [{ NetworkMode: 'host' }, 'the host network', (stored) => stored.NetworkMode, 'host'],
      [{ privileged: true }, 'privileged mode', (stored) => stored.Privileged, true],
    ];
    let index = 0;
    for (const [setting, words, read, expected] of settings) {
      for (const wrapper of [{}, { HostConfig: null }]) {
        const container = name(`legacy-${index++}`);
        const answer = await refusedButForAdmin('POST', `/v1.41/containers/create?name=${container}`, { Image: IMAGE, Cmd: ['true'], ...wrapper, ...setting }, `Only an admin may use host-escaping options: ${words}`);
        expect(answer.status, answer.message).toBe(201);
        expect(read((await inspect(container)).HostConfig)).toEqual(expected);
      }
    }
  });

  it('accepts API versions 1.24 to 1.41 and none, refuses older and newer ones with a reason, and old start bodies', async () => {
    const expectations: [string, number, string][] = [
      ['/v1.12', 400, 'API version 1.12 is older than 1.24, the oldest Shipyard forwards'],
      ['/v1.23', 400, 'API version 1.23 is older than 1.24, the oldest Shipyard forwards'],
      ['/v1.24', 200, ''],
      ['/v1.41', 200, ''],
      ['/v1.99', 400, 'API version 1.99 is newer than 1.41'],
      ['', 200, ''],
    ];
    for (const who of EVERYONE) {
      for (const [prefix, status, words] of expectations) {
        const answer = await call(who, 'GET', `${prefix}/containers/json`);
        expect(answer.status, `${who} ${prefix}`).toBe(status);
        expect(answer.message).toContain(words);
      }
      // The old form of start: a HostConfig in the start body, applied by the engine below 1.24.
      const old = await call(who, 'POST', `/v1.23/containers/${box.plain}/start`, { body: { Binds: ['/:/host'], Privileged: true } });
      expect(old.status, who).toBe(who === 'viewer' ? 403 : 400);
      expect(old.message).toContain(who === 'viewer' ? 'read-only' : 'older than 1.24');
    }
    const withBody = await refusedButForAdmin('POST', `/v1.41/containers/${box.plain}/start`, { HostConfig: { Privileged: true } }, /Shipyard refuses body: .*takes no body/);
    expect(withBody.message).not.toContain('Shipyard');
    // A supported old version is forwarded as asked, its body decoded as that version reads it.
    const older = name('created-1-24');
    expect((await call('operator', 'POST', `/v1.24/containers/create?name=${older}`, { body: { Image: IMAGE, Cmd: ['true'], HostConfig: {} } })).status).toBe(201);
    // Unasked, the engine gives a cgroup v1 container the host's cgroup namespace: the policy asks for a private one.
    expect((await inspect(older)).HostConfig).toMatchObject({ CgroupnsMode: 'private' });
  });

  it('compares mount types without regard to case, as the engine does for services', async () => {
    const service = (what: string, mount: Record<string, unknown>) => ({
      Name: name(what),
      TaskTemplate: { ContainerSpec: { Image: IMAGE, Command: ['true'], Mounts: [mount] } },
      Mode: { Replicated: { Replicas: 0 } },
    });
    for (const [index, type] of ['BIND', 'Bind', 'bInD'].entries()) {
      // Service names are compared without case too: one name each.
      const answer = await refusedButForAdmin('POST', '/v1.41/services/create', service(`svc-case-${index}`, { Type: type, Source: '/', Target: '/host' }), 'bind mounts of host paths');
      expect(answer.status, answer.message).toBe(201);
      const stored = await engineOk<{ Spec: { TaskTemplate: { ContainerSpec: { Mounts: { Type: string }[] } } } }>('GET', `/services/${name(`svc-case-${index}`)}`);
      expect(stored.Spec.TaskTemplate.ContainerSpec.Mounts[0]?.Type).toBe('bind');
    }
    // A named volume made with driver options, spelled VOLUME.
    await engineOk('POST', '/volumes/create', { Name: name('bound'), DriverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' } });
    const viaVolume = await refusedButForAdmin('POST', '/v1.41/services/create', service('svc-volume', { Type: 'VOLUME', Source: name('bound'), Target: '/data' }), `the volume ${name('bound')}, which was made with driver options`);
    expect(viaVolume.status).toBe(201);
    // On update too: a plain service the operator may change, then a Bind mount added.
    const plain = await call('operator', 'POST', '/v1.41/services/create', { body: service('svc-plain', { Type: 'volume', Target: '/data' }) });
    expect(plain.status).toBe(201);
    const { Version } = await engineOk<{ Version: { Index: number } }>('GET', `/services/${name('svc-plain')}`);
    const updated = await call('operator', 'POST', `/v1.41/services/${name('svc-plain')}/update?version=${Version.Index}`, { body: service('svc-plain', { Type: 'Bind', Source: '/', Target: '/host' }) });
    expect(updated.status).toBe(403);
    expect(updated.message).toContain('bind mounts of host paths');
    // And for containers (the engine would refuse the type; the gateway does first).
    const container = await call('operator', 'POST', `/v1.41/containers/create?name=${name('mount-case')}`, { body: { Image: IMAGE, HostConfig: { Mounts: [{ Type: 'BIND', Source: '/', Target: '/host' }] } } });
    expect(container.status).toBe(403);
    expect(container.message).toContain('host bind mounts');
  });

  it('knows the host and none networks by name, short id and full id, and container: by name, short id and full id', async () => {
    let index = 0;
    const create = (hostConfig: Record<string, unknown>) => ({ path: `/v1.41/containers/create?name=${name(`ref-${index++}`)}`, container: name(`ref-${index - 1}`), body: { Image: IMAGE, Cmd: ['true'], HostConfig: hostConfig } });
    for (const reference of ['host', networks.host, networks.host.slice(0, 12)]) {
      const made = create({ NetworkMode: reference });
      const answer = await refusedButForAdmin('POST', made.path, made.body, 'the host network');
      expect(answer.status, answer.message).toBe(201);
      expect((await inspect(made.container)).HostConfig.NetworkMode).toBe(reference);
    }
    // NetworkingConfig names networks too.
    const endpoint = create({});
    const viaEndpoint = await call('operator', 'POST', endpoint.path, { body: { ...endpoint.body, NetworkingConfig: { EndpointsConfig: { [networks.host.slice(0, 12)]: {} } } } });
    expect(viaEndpoint.status).toBe(403);
    expect(viaEndpoint.message).toContain('the host network');
    for (const reference of ['none', networks.none, networks.none.slice(0, 12)]) {
      const made = create({ NetworkMode: reference });
      expect((await call('operator', 'POST', made.path, { body: made.body })).status, reference).toBe(201);
    }
    const hostMount = await inspect(box.hostMount);
    for (const reference of [hostMount.Name.slice(1), box.hostMount.slice(0, 12), box.hostMount]) {
      for (const field of ['NetworkMode', 'PidMode', 'IpcMode'] as const) {
        const made = create({ [field]: `container:${reference}` });
        const answer = await refusedButForAdmin('POST', made.path, made.body, `sharing the container ${reference}, which has host bind mounts`);
        expect(answer.status, answer.message).toBe(201);
      }
      const volumesFrom = create({ VolumesFrom: [`${reference}:ro`] });
      expect((await call('operator', 'POST', volumesFrom.path, { body: volumesFrom.body })).message).toContain('sharing the container');
    }
    // A plain container may be shared; the engine gets its full id, whatever the reference was.
    const plain = await inspect(box.plain);
    for (const reference of [plain.Name.slice(1), box.plain.slice(0, 12), box.plain]) {
      const made = create({ NetworkMode: `container:${reference}`, VolumesFrom: [`${reference}:ro`] });
      expect((await call('operator', 'POST', made.path, { body: made.body })).status).toBe(201);
      expect((await inspect(made.container)).HostConfig).toMatchObject({ NetworkMode: `container:${box.plain}`, VolumesFrom: [`${box.plain}:ro`] });
    }
    const unknown = create({ NetworkMode: `container:${name('nobody')}` });
    expect((await call('operator', 'POST', unknown.path, { body: unknown.body })).status).toBe(404);
    // A service's network: the swarm's host network, and the local one by any reference (the engine maps it to the swarm's).
    for (const target of ['host', networks.swarmHost, networks.host, networks.host.slice(0, 12)]) {
      const spec = { Name: name(`svc-net-${index++}`), TaskTemplate: { ContainerSpec: { Image: IMAGE, Command: ['true'] }, Networks: [{ Target: target }] }, Mode: { Replicated: { Replicas: 0 } } };
      const answer = await refusedButForAdmin('POST', '/v1.41/services/create', spec, "the host's network");
      expect(answer.status, answer.message).toBe(201);
    }
  });

  it('pins the container of an exec before reading its body, and checks exec start and resize against the exec', async () => {
    // The body arrives late; meanwhile the containers are renamed so the checked name names the host-mounting one.
    const plainName = name('race');
    await engineOk('POST', `/containers/${box.plain}/rename?name=${plainName}`);
    const body = JSON.stringify({ Cmd: ['true'] });
    const headers = request('operator', 'POST', `/v1.41/containers/${plainName}/exec`).replace(/\r\n\r\n$/, `\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    const raced = await raw([headers, body], {
      gapMs: 500,
      between: async () => {
        await engineOk('POST', `/containers/${box.plain}/rename?name=${name('race-old')}`);
        await engineOk('POST', `/containers/${box.hostMount}/rename?name=${plainName}`);
      },
    });
    // Either the exec lands in the container that was checked, or (resolved after the body) the call is refused: never in the other one.
    expect(raced.statuses.length).toBe(1);
    if (raced.statuses[0] === 201) expect((await engineOk<{ ContainerID: string }>('GET', `/exec/${createdId(raced.text)}/json`)).ContainerID).toBe(box.plain);
    else expect(raced.statuses).toEqual([403]);
    expect((await inspect(box.hostMount)).ExecIDs ?? []).toEqual([]);
    await engineOk('POST', `/containers/${box.hostMount}/rename?name=${name('hostmount')}`);
    await engineOk('POST', `/containers/${box.plain}/rename?name=${name('plain')}`);

    // An admin's exec in the host-mounting container: no one else may start or resize it.
    const { Id: adminExec } = await engineOk<{ Id: string }>('POST', `/containers/${box.hostMount}/exec`, { Cmd: ['ls', '/host'], AttachStdout: true, Tty: true });
    for (const options of [{ headers: UPGRADE }, {}]) {
      const viewer = await call('viewer', 'POST', `/v1.41/exec/${adminExec}/start`, { body: { Detach: false, Tty: true }, ...options });
      expect(viewer.status).toBe(403);
      const operator = await call('operator', 'POST', `/v1.41/exec/${adminExec}/start`, { body: { Detach: false, Tty: true }, ...options });
      expect(operator.status).toBe(403);
      expect(operator.message).toContain('runs with host bind mounts');
    }
    const resize = await call('operator', 'POST', `/v1.41/exec/${adminExec}/resize?h=10&w=10`);
    expect(resize.status).toBe(403);
    expect((await engineOk<{ Running: boolean; ExitCode: number | null }>('GET', `/exec/${adminExec}/json`)).ExitCode).toBeNull();
    const byAdmin = await raw([request('admin', 'POST', `/v1.41/exec/${adminExec}/start`, { body: { Detach: false, Tty: true }, headers: UPGRADE, close: false })], { idleMs: 5_000 });
    expect(byAdmin.statuses).toEqual([101]);
    // The operator may not attach to it or commit it either.
    expect((await call('operator', 'POST', `/v1.41/containers/${name('hostmount')}/attach?stream=1&stdout=1`, { headers: UPGRADE })).status).toBe(403);
    expect((await call('operator', 'POST', `/v1.41/commit?container=${box.hostMount.slice(0, 12)}&repo=${name('stolen')}`)).message).toContain('runs with host bind mounts');
  });

  it('reads query strings: fromSrc, rollback, and the admin-only areas, each with a reason', async () => {
    for (const path of ['/v1.41/images/create?fromSrc=http://127.0.0.1:9/x&repo=x', '/v1.41/images/create?from%53rc=http%3A%2F%2F127.0.0.1%3A9%2Fx&repo=x', '/v1.41/images/create?fromImage=&fromSrc=127.0.0.1:9']) {
      const answer = await refusedButForAdmin('POST', path, '', 'only an admin may use it: makes the engine fetch any URL');
      expect(answer.message, path).not.toContain('Shipyard');
      expect(answer.status).not.toBe(403);
    }
    expect((await call('operator', 'POST', '/v1.41/images/create?fromImage=x;fromSrc=http://127.0.0.1:9/x')).status).toBe(400);
    // The engine reads a form-encoded body as parameters: the policy forwards no such body (nor its Content-Type), so no fetch.
    const form = await call('operator', 'POST', '/v1.41/images/create', { body: 'fromSrc=http://127.0.0.1:9/x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form.message).not.toContain('127.0.0.1:9');
    expect(form.status).not.toBe(200);

    // A rollback restores the stored previous spec: here the admin's bind mount of /.
    const bound = { Name: name('svc-rollback'), TaskTemplate: { ContainerSpec: { Image: IMAGE, Command: ['true'], Mounts: [{ Type: 'bind', Source: '/', Target: '/host' }] } }, Mode: { Replicated: { Replicas: 0 } } };
    const { ID } = await engineOk<{ ID: string }>('POST', '/services/create', bound);
    const first = await engineOk<{ Version: { Index: number } }>('GET', `/services/${ID}`);
    await engineOk('POST', `/services/${ID}/update?version=${first.Version.Index}`, { ...bound, TaskTemplate: { ContainerSpec: { Image: IMAGE, Command: ['true'] } } });
    const { Version } = await engineOk<{ Version: { Index: number } }>('GET', `/services/${ID}`);
    const rollback = `/v1.41/services/${name('svc-rollback')}/update?version=${Version.Index}&rollback=previous`;
    const benign = { ...bound, TaskTemplate: { ContainerSpec: { Image: IMAGE, Command: ['true'] } } };
    const byAdmin = await refusedButForAdmin('POST', rollback, benign, 'restores the previous spec, which this request does not carry');
    expect(byAdmin.status, byAdmin.message).toBe(200);
    const restored = await engineOk<{ Spec: { TaskTemplate: { ContainerSpec: { Mounts?: unknown[] } } } }>('GET', `/services/${ID}`);
    expect(restored.Spec.TaskTemplate.ContainerSpec.Mounts).toHaveLength(1);

    const adminOnly: [string, string, unknown, string][] = [
      ['GET', `/v1.41/distribution/${IMAGE}/json`, undefined, 'contact any registry'],
      ['POST', '/v1.41/auth', { serveraddress: 'http://127.0.0.1:9' }, 'log in to any address'],
      ['POST', '/v1.41/images/load?quiet=1', '', 'loaded image tarball'],
      ['GET', '/v1.41/plugins', undefined, "plugins run with the host's privileges"],
      ['POST', '/v1.41/plugins/pull?remote=x', [], "plugins run with the host's privileges"],
      ['GET', '/v1.41/swarm', undefined, 'join tokens'],
      ['POST', '/v1.41/swarm/leave?force=0', '', 'join tokens'],
      ['GET', '/v1.41/secrets', undefined, "credentials and configuration"],
      ['POST', '/v1.41/secrets/create', { Name: name('s'), Data: 'eA==' }, 'credentials and configuration'],
      ['GET', '/v1.41/configs', undefined, 'credentials and configuration'],
      ['POST', '/v1.41/nodes/nonode/update?version=1', {}, 'where tasks, and the swarm\'s managers, run'],
    ];
    for (const [method, path, body, words] of adminOnly) {
      for (const who of ['viewer', 'operator'] as const) {
        const answer = await call(who, method, path, body === undefined ? {} : { body });
        expect(answer.status, `${who} ${method} ${path}`).toBe(403);
        if (who === 'operator' || method === 'GET') expect(answer.message).toContain(words);
      }
    }
    // The admin reaches the engine for the reads (its answer, not the gateway's).
    for (const path of ['/v1.41/swarm', '/v1.41/secrets', '/v1.41/configs', '/v1.41/plugins']) expect((await call('admin', 'GET', path)).status, path).toBe(200);
    // /build is on no one's list: its RUN steps may use the host network.
    for (const who of EVERYONE) expect((await call(who, 'POST', '/v1.41/build?networkmode=host', { body: '' })).message).toContain("does not allow POST /build");
  });
});
