// The Docker API gateway driven by the real docker CLI against the real engine and database:
// `docker -H tcp://<gateway> --config <dir>` with the token in config.json's HttpHeaders.
import { createFlatNetwork, type FlatNetwork } from '@/tests/containers/support/flat-network';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountUser } from '@/lib/auth/account-user';
import { createOwnToken, revokeOwnToken } from '@/lib/tokens/manage-tokens';
import { createAccount, migrate, searchEvents, type DatabaseHandle, type Role } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import type { DockerGateway } from './start-gateway';
import { type CliResult, runDockerCli, throughGateway } from '@/tests/support/docker-cli';
import { startGatewayOnFreePort } from '@/tests/support/gateway-on-free-port';

const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';
const IMAGE = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const stamp = `gateway-${Date.now().toString(36)}`;
const name = (what: string) => `${stamp}-${what}`;


let gateway: DockerGateway;
let database: DatabaseHandle;
let databaseName: string;
const configDirs: string[] = [];
const config: Record<'admin' | 'operator' | 'viewer' | 'none' | 'bearer' | 'revoked', string> = {
  admin: '',
  operator: '',
  viewer: '',
  none: '',
  bearer: '',
  revoked: '',
};
const usernames = { admin: `${stamp}-admin`, operator: `${stamp}-op`, viewer: `${stamp}-viewer` };
/** A flat network of the test's own: a bridge whose addresses come from a real shipyard-ipam sidecar and etcd. */
let flat: FlatNetwork | undefined;
let network = '';
let boxId = '';
const tokens = { admin: '', operator: '' };

/** Runs the docker CLI through the gateway (`configDir`) or, with null, at the engine itself (for clean-up only). */
function docker(configDir: string | null, args: string[], input?: string, timeoutMs = 60_000): Promise<CliResult> {
  const target = configDir === null ? ['-H', process.env.SHIPYARD_DOCKER ?? ''] : throughGateway(gateway.address, configDir);
  return runDockerCli(target, args, { ...(input === undefined ? {} : { input }), timeoutMs });
}

async function configWith(headers: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'shipyard-gateway-cli-'));
  configDirs.push(dir);
  await writeFile(join(dir, 'config.json'), JSON.stringify({ HttpHeaders: headers }));
  return dir;
}

async function tokenFor(username: string, role: Role, readOnly: boolean): Promise<{ secret: string; revoke(): Promise<unknown> }> {
  const account = await createAccount(database, { username, passwordHash: HASH, role, mustChangePassword: false, grants: [] });
  const owner = accountUser(account, { kind: 'session' });
  const { token, secret } = await createOwnToken(database, owner, { name: 'docker cli', expiresInDays: 1, readOnly }, '127.0.0.1');
  return { secret, revoke: () => revokeOwnToken(database, owner, token.id, '127.0.0.1') };
}

/** The gateway on the first free port of 23750-23759, as scripts/serve.ts starts it. */
async function startOnFreePort(): Promise<DockerGateway> {
  return startGatewayOnFreePort([23750, 23759], { SHIPYARD_DATABASE_NAME: databaseName });
}

beforeAll(async () => {
  databaseName = uniqueDatabaseName('gateway');
  database = connectTestDatabase(databaseName);
  await migrate(database);
  gateway = await startOnFreePort();
  const admin = await tokenFor(usernames.admin, 'admin', false);
  // Operators hold containers:write and swarm:write: their refusals below are the host-escaping rules.
  const operator = await tokenFor(usernames.operator, 'operator', false);
  const viewer = await tokenFor(usernames.viewer, 'viewer', true);
  tokens.admin = admin.secret;
  tokens.operator = operator.secret;
  config.admin = await configWith({ 'X-Access-Token': `${usernames.admin}:${admin.secret}` });
  config.operator = await configWith({ 'X-Access-Token': `${usernames.operator}:${operator.secret}` });
  config.viewer = await configWith({ 'X-Access-Token': `${usernames.viewer}:${viewer.secret}` });
  config.bearer = await configWith({ Authorization: `Bearer ${admin.secret}` });
  config.none = await configWith({});
  const revoked = await tokenFor(`${stamp}-gone`, 'admin', false);
  await revoked.revoke();
  config.revoked = await configWith({ 'X-Access-Token': `${stamp}-gone:${revoked.secret}` });
  flat = await createFlatNetwork('gw');
  network = flat.name;
});

afterAll(async () => {
  const containers = await docker(null, ['ps', '-aq', '--filter', `name=${stamp}`]);
  const ids = containers.stdout.split('\n').filter(Boolean);
  if (ids.length > 0) await docker(null, ['rm', '-f', ...ids]);
  const services = await docker(null, ['service', 'ls', '-q', '--filter', `name=${stamp}`]);
  const serviceIds = services.stdout.split('\n').filter(Boolean);
  if (serviceIds.length > 0) await docker(null, ['service', 'rm', ...serviceIds]);
  const volumes = await docker(null, ['volume', 'ls', '-q', '--filter', `name=${stamp}`]);
  const volumeNames = volumes.stdout.split('\n').filter(Boolean);
  if (volumeNames.length > 0) await docker(null, ['volume', 'rm', '-f', ...volumeNames]);
  await flat?.dispose();
  await gateway?.close();
  if (database) {
    await database.run(database.r.dbDrop(databaseName)).catch(() => undefined);
    await database.close();
  }
  await Promise.all(configDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the Docker API gateway, with the real docker CLI', () => {
  it('lists containers for a token in HttpHeaders (X-Access-Token or Bearer) and answers 401 without a valid one', async () => {
    for (const dir of [config.admin, config.bearer]) {
      const listed = await docker(dir, ['ps', '-a', '--format', '{{.Names}}']);
      expect(listed).toMatchObject({ code: 0, stderr: '' });
    }
    const anonymous = await docker(config.none, ['ps']);
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.stderr).toContain('Shipyard needs an API token: put {"HttpHeaders": {"X-Access-Token": "<user>:<token>"}}');
    const revoked = await docker(config.revoked, ['ps']);
    expect(revoked.code).not.toBe(0);
    expect(revoked.stderr).toMatch(/The API token "docker cli" was revoked on \d{4}-/);
  });

  it("checks classic swarm's placement rules against its engine: met, the container runs with them as labels; unmet, a 409 per host", async () => {
    const host = (await docker(null, ['info', '--format', '{{.Name}}'])).stdout.trim();
    const placed = await docker(config.admin, ['run', '-d', '--name', name('constrained'), '-e', `constraint:node==${host}`, '-e', 'affinity:image==' + IMAGE, IMAGE, 'sleep', '600']);
    expect(placed).toMatchObject({ code: 0, stderr: '' });
    const labels = await docker(config.admin, ['inspect', '--format', '{{index .Config.Labels "com.docker.swarm.constraints"}} {{json .Config.Env}}', name('constrained')]);
    expect(labels.stdout.trim()).toMatch(new RegExp(`^\\["node==${host}"\\] `));
    expect(labels.stdout).not.toContain('constraint:');
    const refused = await docker(config.admin, ['run', '-d', '--name', name('nowhere'), '-e', 'constraint:node==no-such-host', IMAGE, 'sleep', '600']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`No host fits this container:\n${host}: constraint not met: node==no-such-host`);
    const malformed = await docker(config.admin, ['run', '-d', '-e', 'constraint:node=h2', IMAGE, 'true']);
    expect(malformed.code).not.toBe(0);
    expect(malformed.stderr).toContain('Env.0: "node=h2" is not a rule');
  });

  it('runs a container with --cpuset-cpus 0 on the flat network, its address from the IPAM sidecar', async () => {
    const run = await docker(config.admin, ['run', '--rm', '--name', name('cpuset'), '--network', network, '--cpuset-cpus', '0', IMAGE, 'cat', '/proc/self/status']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Cpus_allowed_list:\s+0$/m);

    const detached = await docker(config.admin, ['run', '-d', '--name', name('pinned'), '--network', network, '--cpuset-cpus', '0', IMAGE, 'sleep', '600']);
    expect(detached.code).toBe(0);
    const inspected = await docker(config.admin, ['inspect', '--format', '{{.HostConfig.CpusetCpus}} {{range $name, $_ := .NetworkSettings.Networks}}{{$name}}{{end}}', name('pinned')]);
    expect(inspected.stdout.trim()).toBe(`0 ${network}`);
    const address = await docker(config.admin, ['inspect', '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', name('pinned')]);
    expect(address.stdout.trim()).toMatch(new RegExp(`^${flat?.net.replaceAll('.', '\\.')}\\.\\d+$`));
  });

  it('streams logs (also followed) and runs exec, with stdin through the hijacked connection', async () => {
    const box = name('box');
    const started = await docker(config.admin, ['run', '-d', '--name', box, IMAGE, 'sh', '-c', 'echo first; sleep 3; echo second; sleep 600']);
    expect(started.code).toBe(0);
    boxId = started.stdout.trim();

    // Followed: "first" arrives before the container has written "second", then "second" on its own.
    const follow = spawn('docker', ['-H', `tcp://${gateway.address}`, '--config', config.admin, 'logs', '-f', box]);
    const seen: Record<string, number> = {};
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`docker logs -f showed only ${JSON.stringify(seen)}`)), 20_000);
      follow.stdout.on('data', (chunk: Buffer) => {
        for (const word of ['first', 'second']) if (chunk.toString().includes(word)) seen[word] ??= Date.now();
        if (seen.second) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    follow.kill();
    expect((seen.second ?? 0) - (seen.first ?? Infinity)).toBeGreaterThan(1_000);

    const logs = await docker(config.admin, ['logs', box]);
    expect(logs.stdout).toBe('first\nsecond\n');
    const exec = await docker(config.admin, ['exec', box, 'echo', 'hello from exec']);
    expect(exec).toMatchObject({ code: 0, stdout: 'hello from exec\n' });
    const piped = await docker(config.admin, ['exec', '-i', box, 'cat'], 'through the gateway\n');
    expect(piped).toMatchObject({ code: 0, stdout: 'through the gateway\n' });
    // An operator may exec into an ordinary container.
    expect(await docker(config.operator, ['exec', box, 'echo', 'operator'])).toMatchObject({ code: 0, stdout: 'operator\n' });
  });

  it("keeps the docker CLI working for an operator through the policy: ps, run -i, exec -i, logs -f, service create", async () => {
    expect(await docker(config.operator, ['ps', '--format', '{{.Names}}'])).toMatchObject({ code: 0, stderr: '' });
    // run -i attaches before start: a hijacked attach, then the container's own start and wait.
    expect(await docker(config.operator, ['run', '--rm', '-i', '--name', name('op-run'), IMAGE, 'cat'], 'through attach\n')).toMatchObject({ code: 0, stdout: 'through attach\n' });
    const started = await docker(config.operator, ['run', '-d', '--name', name('op-box'), IMAGE, 'sh', '-c', 'echo ready; sleep 600']);
    expect(started).toMatchObject({ code: 0, stderr: '' });
    expect(await docker(config.operator, ['exec', '-i', name('op-box'), 'cat'], 'through exec\n')).toMatchObject({ code: 0, stdout: 'through exec\n' });
    const follow = spawn('docker', ['-H', `tcp://${gateway.address}`, '--config', config.operator, 'logs', '-f', name('op-box')]);
    const followed = await new Promise<string>((resolve) => {
      let seen = '';
      const timer = setTimeout(() => resolve(seen), 15_000);
      follow.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('ready')) {
          clearTimeout(timer);
          resolve(seen);
        }
      });
    });
    follow.kill();
    expect(followed).toBe('ready\n');
    const service = name('op-svc');
    expect(await docker(config.operator, ['service', 'create', '--detach', '--name', service, '--restart-condition', 'none', '--replicas', '0', IMAGE, 'sleep', '600'])).toMatchObject({ code: 0 });
    expect(await docker(config.operator, ['service', 'rm', service])).toMatchObject({ code: 0, stdout: `${service}\n` });
  });

  it('creates and removes a service', async () => {
    const service = name('svc');
    const created = await docker(config.admin, ['service', 'create', '--detach', '--name', service, '--restart-condition', 'none', IMAGE, 'sleep', '600']);
    expect(created.code).toBe(0);
    expect((await docker(config.admin, ['service', 'ls', '--format', '{{.Name}}'])).stdout.split('\n')).toContain(service);
    expect(await docker(config.admin, ['service', 'rm', service])).toMatchObject({ code: 0, stdout: `${service}\n` });
    expect((await docker(config.admin, ['service', 'ls', '--format', '{{.Name}}'])).stdout.split('\n')).not.toContain(service);
  });

  it('refuses each host-escaping container option to a non-admin, naming it', async () => {
    expect(await docker(config.operator, ['run', '--rm', IMAGE, 'echo', 'plain'])).toMatchObject({ code: 0, stdout: 'plain\n' });
    const refusals: [string[], string][] = [
      [['--privileged'], 'privileged mode'],
      [['-v', '/:/host'], 'host bind mounts'],
      [['--mount', 'type=bind,src=/,dst=/host'], 'host bind mounts'],
      [['--network', 'host'], 'the host network'],
      [['--pid', 'host'], 'the host PID namespace'],
      [['--ipc', 'host'], 'the host IPC namespace'],
      [['--device', '/dev/null'], 'devices'],
      [['--cap-add', 'NET_ADMIN'], 'added capabilities'],
      [['--security-opt', 'seccomp=unconfined'], 'security options'],
      [['--mount', 'type=volume,dst=/x,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/'], 'volume driver options'],
    ];
    for (const [options, words] of refusals) {
      const refused = await docker(config.operator, ['run', '--rm', '--name', name('refused'), ...options, IMAGE, 'true']);
      expect(refused.code, options.join(' ')).toBe(125);
      expect(refused.stderr).toContain(`Error response from daemon: Only an admin may use host-escaping options: ${words}. Your account has the operator role`);
    }
    expect((await docker(null, ['ps', '-aq', '--filter', `name=${name('refused')}`])).stdout).toBe('');
    // The admin may, and a non-admin may then neither share its namespaces nor exec into it.
    const privileged = name('privileged');
    expect((await docker(config.admin, ['create', '--name', privileged, '--privileged', IMAGE, 'sleep', '600'])).code).toBe(0);
    const shared = await docker(config.operator, ['run', '--rm', '--network', `container:${privileged}`, IMAGE, 'true']);
    expect(shared.stderr).toContain(`sharing the container ${privileged}, which has privileged mode`);
    const entered = await docker(config.operator, ['exec', privileged, 'true']);
    expect(entered.stderr).toContain(`The container ${privileged} runs with privileged mode`);
    expect((await docker(config.operator, ['exec', '--privileged', name('pinned'), 'true'])).stderr).toContain('host-escaping options: privileged mode');

    // A volume bound to a host path: only an admin makes one, and a non-admin may not mount it.
    const bound = name('bound');
    const options = ['--opt', 'type=tmpfs', '--opt', 'device=tmpfs', '--opt', 'o=size=1m'];
    expect((await docker(config.operator, ['volume', 'create', ...options, name('refused-volume')])).stderr).toContain(
      'Only an admin may use host-escaping options: volume driver options',
    );
    expect((await docker(config.admin, ['volume', 'create', ...options, bound])).code).toBe(0);
    const mounted = await docker(config.operator, ['run', '--rm', '-v', `${bound}:/data`, IMAGE, 'true']);
    expect(mounted.stderr).toContain(`the volume ${bound}, which was made with driver options`);
    expect(await docker(config.operator, ['run', '--rm', '-v', `${name('plain-volume')}:/data`, IMAGE, 'echo', 'plain volume'])).toMatchObject({ code: 0, stdout: 'plain volume\n' });
  });

  it('reads create bodies as the engine does: keys in any case, never one key twice', async () => {
    const create = (token: string, body: string, container: string) =>
      fetch(`http://${gateway.address}/v1.41/containers/create?name=${container}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
    const lowercase = `{"Image": "${IMAGE}", "Cmd": ["true"], "hostconfig": {"privileged": true}}`;
    // The engine does take the lowercase keys: the admin's container is privileged.
    const made = await create(tokens.admin, lowercase, name('lowercase'));
    expect(made.status).toBe(201);
    expect((await docker(config.admin, ['inspect', '--format', '{{.HostConfig.Privileged}}', name('lowercase')])).stdout.trim()).toBe('true');
    const refused = await create(tokens.operator, lowercase, name('lowercase-op'));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ message: 'Only an admin may use host-escaping options: privileged mode. Your account has the operator role' });
    const repeated = await create(tokens.operator, `{"Image": "${IMAGE}", "HostConfig": {"privileged": true, "Privileged": false}}`, name('repeated'));
    expect(repeated.status).toBe(400);
    expect(((await repeated.json()) as { message: string }).message).toContain('repeats the key "Privileged"');
    expect((await docker(null, ['ps', '-aq', '--filter', `name=${name('lowercase-op')}`, '--filter', `name=${name('repeated')}`])).stdout).toBe('');
  });

  it('refuses host-escaping service options to a non-admin on create and update', async () => {
    const service = name('svc-update');
    expect((await docker(config.admin, ['service', 'create', '--detach', '--name', service, '--restart-condition', 'none', IMAGE, 'sleep', '600'])).code).toBe(0);
    const refusals: [string[], string][] = [
      [['service', 'create', '--detach', '--name', name('svc-bind'), '--mount', 'type=bind,src=/,dst=/host', IMAGE, 'true'], 'bind mounts of host paths'],
      [['service', 'create', '--detach', '--name', name('svc-cap'), '--cap-add', 'NET_ADMIN', IMAGE, 'true'], 'added capabilities (CAP_NET_ADMIN)'],
      [['service', 'create', '--detach', '--name', name('svc-host'), '--network', 'host', IMAGE, 'true'], "the host's network"],
      [['service', 'update', '--detach', '--mount-add', 'type=bind,src=/,dst=/host', service], 'bind mounts of host paths'],
      [['service', 'update', '--detach', '--cap-add', 'NET_ADMIN', service], 'added capabilities (CAP_NET_ADMIN)'],
    ];
    for (const [args, words] of refusals) {
      const refused = await docker(config.operator, args);
      expect(refused.code, args.join(' ')).not.toBe(0);
      expect(refused.stderr).toContain(`Error response from daemon: Only an admin may use host-escaping options: ${words}. Your account has the operator role`);
    }
    expect((await docker(config.operator, ['service', 'update', '--detach', '--replicas', '0', service])).code).toBe(0);
    const replicas = await docker(config.admin, ['service', 'inspect', '--format', '{{.Spec.Mode.Replicated.Replicas}}', service]);
    expect(replicas.stdout.trim()).toBe('0');
    expect((await docker(config.admin, ['service', 'ls', '--format', '{{.Name}}'])).stdout).not.toContain(name('svc-bind'));
    expect(await docker(config.admin, ['service', 'rm', service])).toMatchObject({ code: 0 });
  });

  it("lets a viewer's read-only token read but not run, and keeps calls off the allow-list out", async () => {
    expect(await docker(config.viewer, ['ps'])).toMatchObject({ code: 0, stderr: '' });
    const run = await docker(config.viewer, ['run', '--rm', IMAGE, 'true']);
    expect(run.code).toBe(125);
    expect(run.stderr).toContain('This API token is read-only: it may not change anything');
    const build = await docker(config.admin, ['build', '-q', '-'], `FROM ${IMAGE}\n`);
    expect(build.stderr).toContain("Shipyard's Docker gateway does not allow POST /build");
    const joinToken = await docker(config.operator, ['swarm', 'join-token', 'worker']);
    expect(joinToken.stderr).toContain('Only an admin may call GET /swarm');
  });

  it('refuses a token revoked a moment after it was let in: a kept pass does not outlive the revocation', async () => {
    const moment = await tokenFor(`${stamp}-moment`, 'admin', false);
    const dir = await configWith({ 'X-Access-Token': `${stamp}-moment:${moment.secret}` });
    expect(await docker(dir, ['ps', '-q'])).toMatchObject({ code: 0, stderr: '' });
    expect(await docker(dir, ['ps', '-q'])).toMatchObject({ code: 0, stderr: '' }); // let in from the cache now
    await moment.revoke();
    const refused = await docker(dir, ['ps', '-q']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('was revoked');
  });

  it('audits every call: who, method and path, target, status and address', async () => {
    // Audit rows are written as each call ends; give the last ones a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const events = await searchEvents(database, { action: 'gateway.call', limit: 1000 });
    const find = (predicate: (event: (typeof events)[number]) => boolean) => events.find(predicate);
    expect(find((event) => event.actor === usernames.admin && event.details.method === 'POST' && String(event.details.path).endsWith('/containers/create') && event.details.status === 201)).toMatchObject({
      outcome: 'success',
      address: '127.0.0.1',
      details: { requires: 'containers:write' },
    });
    expect(find((event) => event.actor === usernames.admin && String(event.details.path).endsWith(`/containers/${boxId}/start`))).toMatchObject({
      outcome: 'success',
      target: boxId,
      details: { status: 204 },
    });
    expect(find((event) => event.actor === usernames.admin && /\/exec\/[0-9a-f]+\/start$/.test(String(event.details.path)))).toMatchObject({ details: { status: 101 } });
    expect(find((event) => event.actor === usernames.operator && String(event.details.reason).includes('privileged mode') && event.details.status === 403)).toMatchObject({
      outcome: 'failure',
    });
    expect(find((event) => event.actor === null && event.details.status === 401)).toMatchObject({ outcome: 'failure', address: '127.0.0.1' });
    expect(find((event) => event.actor === usernames.viewer && String(event.details.path).endsWith('/containers/json'))).toMatchObject({ outcome: 'success', details: { requires: 'containers:read' } });
    expect(events.some((event) => String(event.details.path).endsWith('/_ping') && event.outcome === 'success')).toBe(false);
  });
});
