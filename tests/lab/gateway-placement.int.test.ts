// The Docker gateway in front of the three-host lab, driven by the real docker CLI: `docker run`
// is placed by lib/placement across the hosts and created on the one chosen; later calls (start,
// inspect, logs, attach, exec, stop, rm, wait) reach the engine that holds the container; `docker
// ps` lists every host's containers, names prefixed with the host; memory reservations count
// against a host's memory; an image missing everywhere is pulled on the chosen host from the lab's
// registry, and a host that cannot pull it is skipped with its reason.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountUser } from '@/lib/auth/account-user';
import { createContainer } from '@/lib/containers/create-container';
import { createContainerSchema } from '@/lib/containers/container-schema';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { engineHandleFor, stopEngines } from '@/lib/engines/engines';
import { NoHostFitsError } from '@/lib/placement/no-host-fits';
import { EtcdStore } from '@/lib/etcd/store';
import { PLACEMENT_PREFIX } from '@/lib/placement/claim-keys';
import { ledgerBytes, listMemoryLedgers } from '@/lib/placement/memory-claims';
import { loadConfig } from '@/lib/config/config';
import type { DockerGateway } from '@/lib/gateway/start-gateway';
import { createOwnToken } from '@/lib/tokens/manage-tokens';
import { createAccount, migrate, searchEvents, type DatabaseHandle, type Role } from '@/prisma-free-db';
import { connectTestDatabase, uniqueDatabaseName } from '@/prisma-free-db/testing/test-database';
import { removeTestContainers } from './containers';
import { startLabRegistry, type LabRegistry } from './lab-registry';
import { docker, lab, labCommand, run, TEST_LABEL, uniqueName, waitUntil } from './support';
import { type CliResult, runDockerCli, throughGateway } from '@/tests/support/docker-cli';
import { startGatewayOnFreePort } from '@/tests/support/gateway-on-free-port';

const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';
const stamp = `gwplace-${Date.now().toString(36)}`;
const hostNames = (lab?.dockers ?? []).map((_, index) => `h${index + 1}`);
/** The test registry's port: next to the lab identity's LAB_REGISTRY_PORT (which `scripts/lab up` uses while it installs the plugin). */
const registryPort = Number(process.env.LAB_REGISTRY_PORT ?? 5001) + 1;


let gateway: DockerGateway | undefined;
let database: DatabaseHandle | undefined;
let databaseName = '';
const configDirs: string[] = [];
const config = { admin: '', operator: '' };

/** The docker CLI through the gateway. */
function cli(configDir: string, args: string[], timeoutMs = 120_000): Promise<CliResult> {
  return runDockerCli(throughGateway(gateway?.address ?? '', configDir), args, { timeoutMs });
}

async function configFor(username: string, role: Role): Promise<string> {
  if (!database) throw new Error('no database');
  const account = await createAccount(database, { username, passwordHash: HASH, role, mustChangePassword: false, grants: [] });
  const { secret } = await createOwnToken(database, accountUser(account, { kind: 'session' }), { name: 'docker cli', expiresInDays: 1, readOnly: false }, '127.0.0.1');
  const dir = await mkdtemp(join(tmpdir(), 'shipyard-lab-gateway-'));
  configDirs.push(dir);
  await writeFile(join(dir, 'config.json'), JSON.stringify({ HttpHeaders: { 'X-Access-Token': `${username}:${secret}` } }));
  return dir;
}

/** The access token a config dir's docker CLI sends. */
async function tokenOf(configDir: string): Promise<string> {
  const parsed = JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8')) as { HttpHeaders: Record<string, string> };
  return parsed.HttpHeaders['X-Access-Token'] ?? '';
}

/** Another config dir with the same token and more headers. */
async function configWith(configDir: string, headers: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'shipyard-lab-gateway-'));
  configDirs.push(dir);
  await writeFile(join(dir, 'config.json'), JSON.stringify({ HttpHeaders: { 'X-Access-Token': await tokenOf(configDir), ...headers } }));
  return dir;
}

/** The gateway in this process, over the lab's engines (SHIPYARD_DOCKER and SHIPYARD_LAB_DOCKERS). */
async function startGateway(): Promise<DockerGateway> {
  return startGatewayOnFreePort([23770, 23789], { SHIPYARD_DATABASE_NAME: databaseName });
}

/** The host (h1..h3) whose engine holds `name`, asked of each engine directly. */
async function hostHolding(name: string): Promise<string[]> {
  const found = await Promise.all(hostNames.map((_, index) => docker(index + 1, ['ps', '-aq', '--filter', `name=^${name}$`]).then((ids) => ids !== '')));
  return hostNames.filter((_, index) => found[index]);
}

/** `docker run -d` through the gateway, with the test label; the container's name. */
async function runDetached(name: string, extra: string[] = [], image = lab?.image ?? 'busybox:local'): Promise<CliResult> {
  return cli(config.admin, ['run', '-d', '--name', name, '--label', TEST_LABEL, ...extra, image, 'sleep', '600']);
}

// No skip: the lab project's setup (tests/support/require-lab.ts) fails when the lab is not up.
describe('lab: the Docker gateway places docker run across the hosts', () => {
  beforeAll(async () => {
    await labCommand(['up']);
    await removeTestContainers();
    databaseName = uniqueDatabaseName('gateway_lab');
    database = connectTestDatabase(databaseName);
    await migrate(database);
    gateway = await startGateway();
    config.admin = await configFor(`${stamp}-admin`, 'admin');
    config.operator = await configFor(`${stamp}-op`, 'operator');
  });

  afterAll(async () => {
    await removeTestContainers().catch(() => undefined);
    await gateway?.close();
    if (database) {
      await database.run(database.r.dbDrop(databaseName)).catch(() => undefined);
      await database.close();
    }
    await Promise.all(configDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('spreads three docker runs over the three hosts, follows a constraint, and routes every later call to the holder', async () => {
    const names = hostNames.map((_, index) => `${stamp}-spread-${index}`);
    for (const name of names) expect(await runDetached(name)).toMatchObject({ code: 0, stderr: '' });
    const holders = await Promise.all(names.map(hostHolding));
    expect(holders.map((hosts) => hosts.length)).toEqual([1, 1, 1]);
    expect(new Set(holders.flat())).toEqual(new Set(hostNames));

    const pinned = `${stamp}-on-h2`;
    expect(await runDetached(pinned, ['-e', 'constraint:node==h2'])).toMatchObject({ code: 0 });
    expect(await hostHolding(pinned)).toEqual(['h2']);
    // inspect, exec, logs, stop, start, wait, rm: each on h2, by name and by short id.
    const inspected = await cli(config.admin, ['inspect', '-f', '{{.Id}} {{index .Config.Labels "com.docker.swarm.constraints"}}', pinned]);
    expect(inspected.stdout.trim()).toMatch(/^[0-9a-f]{64} \["node==h2"\]$/);
    const shortId = inspected.stdout.slice(0, 12);
    expect((await cli(config.admin, ['exec', pinned, 'hostname'])).stdout.trim()).toBe(await docker(2, ['inspect', '-f', '{{.Config.Hostname}}', pinned]));
    expect(await cli(config.admin, ['exec', shortId, 'sh', '-c', 'echo to-logs > /proc/1/fd/1'])).toMatchObject({ code: 0 });
    expect((await cli(config.admin, ['logs', pinned])).stdout).toContain('to-logs');
    expect(await cli(config.admin, ['stop', '-t', '1', pinned])).toMatchObject({ code: 0 });
    expect((await docker(2, ['inspect', '-f', '{{.State.Status}}', pinned]))).toBe('exited');
    expect(await cli(config.admin, ['start', shortId])).toMatchObject({ code: 0 });
    expect(await cli(config.admin, ['rm', '-f', pinned])).toMatchObject({ code: 0 });
    expect(await hostHolding(pinned)).toEqual([]);
    // The audit log says where the create was placed and where the calls went.
    await waitUntil('the gateway calls to be audited', async () => {
      if (!database) return false;
      const events = await searchEvents(database, { action: 'gateway.call', limit: 1000 });
      const placedOnH2 = events.some((event) => String(event.details.path).endsWith('/containers/create') && event.target === pinned && event.details.host === 'h2');
      const removedOnH2 = events.some((event) => event.details.method === 'DELETE' && event.target === pinned && event.details.host === 'h2');
      return placedOnH2 && removedOnH2;
    }, 20_000);

    // Attached: create, attach (hijacked), start, wait, rm, all on h3.
    const attached = await cli(config.admin, ['run', '--rm', '--label', TEST_LABEL, '-e', 'constraint:node==h3', lab?.image ?? 'busybox:local', 'sh', '-c', 'echo hello from $(hostname -f) && exit 3']);
    expect(attached.stdout).toContain('hello from');
    expect(attached.code).toBe(3);
  });

  it('lists every host\'s containers in docker ps, each name prefixed with its host', async () => {
    const listed = await cli(config.admin, ['ps', '-a', '--filter', `name=${stamp}-spread`, '--format', '{{.Names}}']);
    expect(listed.code).toBe(0);
    const names = listed.stdout.trim().split('\n').sort();
    const holders = await Promise.all(hostNames.map((_, index) => hostHolding(`${stamp}-spread-${index}`)));
    expect(names).toEqual(hostNames.map((_, index) => `${holders[index]?.[0] ?? '?'}/${stamp}-spread-${index}`).sort());
  });

  it('refuses a name two hosts hold rather than guess, and reaches each by its id', async () => {
    const twin = `${stamp}-twin`;
    const ids = [await docker(1, ['run', '-d', '--name', twin, '--label', TEST_LABEL, lab?.image ?? '', 'sleep', '600']), await docker(2, ['run', '-d', '--name', twin, '--label', TEST_LABEL, lab?.image ?? '', 'sleep', '600'])];
    const refused = await cli(config.admin, ['inspect', twin]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`${twin} names a container on several hosts (h1, h2): use its full id`);
    for (const id of ids) expect((await cli(config.admin, ['inspect', '-f', '{{.Id}}', id])).stdout.trim()).toBe(id);
  });

  it("counts memory reservations against a host's memory, and says so per host when none has enough", async () => {
    const total = Number(await docker(1, ['info', '-f', '{{.MemTotal}}']));
    const big = String(Math.floor((total * 0.6) / 1024 / 1024)) + 'm';
    expect(await runDetached(`${stamp}-mem-1`, ['-m', big, '-e', 'constraint:node==h1'])).toMatchObject({ code: 0 });
    const full = await runDetached(`${stamp}-mem-2`, ['-m', big, '-e', 'constraint:node==h1']);
    expect(full.code).not.toBe(0);
    expect(full.stderr).toMatch(/No host fits this container:\nh1: memory: \d+ MiB asked, \d+ MiB free/);
    expect(await runDetached(`${stamp}-mem-3`, ['--memory-reservation', big])).toMatchObject({ code: 0 });
    expect(await hostHolding(`${stamp}-mem-3`)).not.toEqual(['h1']);
    const tooBig = await runDetached(`${stamp}-mem-4`, ['-m', `${Math.ceil((total * 2) / 1024 / 1024)}m`]);
    expect(tooBig.stderr).toContain('No host fits this container:');
    for (const host of hostNames) expect(tooBig.stderr).toMatch(new RegExp(`${host}: memory: \\d+ MiB asked`));
  });

  it('claims memory: of three docker runs at once that each fit into h1\'s free memory by the engine\'s count, two are created', async () => {
    const total = Number(await docker(1, ['info', '-f', '{{.MemTotal}}']));
    await removeTestContainers();
    const loaded = loadConfig(process.env);
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    const claims = new EtcdStore({ endpoints: loaded.config.etcd.endpoints, credentials: loaded.config.etcd.credentials, prefix: PLACEMENT_PREFIX });
    const h1Claimed = async () => ledgerBytes((await listMemoryLedgers(claims)).find((ledger) => ledger.host === 'h1'));
    // The earlier tests' containers are gone: their claims follow (destroy events).
    await waitUntil("h1's memory claims to be freed", async () => (await h1Claimed()) === 0, 30_000);
    // Each asks 45% of h1: counted from the engine alone, all three see h1 empty and fit; claimed,
    // the third reads the ledger the first two wrote (10% left) and is refused.
    const size = `${Math.floor((total * 0.45) / 1024 / 1024)}m`;
    const names = [0, 1, 2].map((index) => `${stamp}-race-${index}`);
    const results = await Promise.all(names.map((name) => runDetached(name, ['-m', size, '-e', 'constraint:node==h1'])));
    const created = results.filter((result) => result.code === 0);
    expect(created).toHaveLength(2);
    for (const refused of results.filter((result) => result.code !== 0)) expect(refused.stderr).toMatch(/h1: memory: \d+ MiB asked, \d+ MiB free/);
    const onH1 = (await Promise.all(names.map(hostHolding))).flat();
    expect(onH1.every((host) => host === 'h1')).toBe(true);
    // Never more memory placed on h1 than it has.
    expect(onH1.length * Math.floor((total * 0.45) / 1024 / 1024) * 1024 * 1024).toBeLessThanOrEqual(total);
    expect(await h1Claimed()).toBe(created.length * Math.floor((total * 0.45) / 1024 / 1024) * 1024 * 1024);
    // Removing them frees the claims (destroy events).
    await removeTestContainers();
    await waitUntil("the race's memory claims to be freed", async () => (await h1Claimed()) === 0, 30_000);
    claims.close();
  });

  it('docker images lists every host\'s images (--filter node= one host\'s), docker pull pulls on every host or on the one named', async () => {
    const listed = await fetch(`http://${gateway?.address ?? ''}/v1.41/images/json`, { headers: { 'X-Access-Token': await tokenOf(config.admin) } });
    expect(listed.status).toBe(200);
    const images = (await listed.json()) as { Id: string; Hosts: string[] }[];
    // Each host's copy of the lab's image (each host loaded its own: ids may differ), named by its host.
    const labImages = await Promise.all(hostNames.map((_, index) => docker(index + 1, ['image', 'inspect', '-f', '{{.Id}}', lab?.image ?? ''])));
    hostNames.forEach((host, index) => expect(images.find((image) => image.Id === labImages[index])?.Hosts).toContain(host));
    const labImage = labImages[0];
    const filters = encodeURIComponent(JSON.stringify({ node: { h2: true } }));
    const onH2 = (await (await fetch(`http://${gateway?.address ?? ''}/v1.41/images/json?filters=${filters}`, { headers: { 'X-Access-Token': await tokenOf(config.admin) } })).json()) as { Hosts: string[] }[];
    expect(onH2.length).toBeGreaterThan(0);
    expect(onH2.every((image) => image.Hosts.length === 1 && image.Hosts[0] === 'h2')).toBe(true);
    // docker images: one row per tag, not one per host holding it.
    const rows = await cli(config.admin, ['images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}']);
    expect(rows.code).toBe(0);
    expect(rows.stdout.split('\n').filter((line) => line === `${labImage ?? ''} ${lab?.image ?? ''}`)).toHaveLength(1);
  });

  it('holds a non-admin to the policy on the engine each call goes to, its references resolved there', async () => {
    const refused = await cli(config.operator, ['run', '-d', '--privileged', '-e', 'constraint:node==h3', lab?.image ?? '', 'true']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/privileged/i);
    // The policy pins each reference to the full id its resolver finds: on h3, not on the manager.
    const mine = `${stamp}-operator`;
    expect(await cli(config.operator, ['run', '-d', '--name', mine, '--label', TEST_LABEL, '-e', 'constraint:node==h3', lab?.image ?? '', 'sleep', '600'])).toMatchObject({ code: 0, stderr: '' });
    expect(await hostHolding(mine)).toEqual(['h3']);
    expect((await cli(config.operator, ['exec', mine, 'echo', 'inside'])).stdout.trim()).toBe('inside');
    expect((await cli(config.operator, ['inspect', '-f', '{{.Name}}', mine])).stdout.trim()).toBe(`/${mine}`);
    expect(await cli(config.operator, ['rm', '-f', mine])).toMatchObject({ code: 0 });
    expect(await hostHolding(mine)).toEqual([]);
  });

  describe('pull on demand', () => {
    let registry: LabRegistry | undefined;
    const blocked: string[] = [];
    const netns = (host: number) => `/run/netns/${lab?.name ?? 'shylab'}-h${host}`;

    beforeAll(async () => {
      registry = await startLabRegistry(lab?.router ?? '', registryPort);
    });

    afterAll(async () => {
      for (const rule of blocked.splice(0)) await run('nsenter', [`--net=${rule}`, 'iptables', '-D', 'OUTPUT', '-p', 'tcp', '-d', lab?.router ?? '', '--dport', String(registryPort), '-j', 'REJECT']).catch(() => undefined);
      await registry?.stop();
    });

    it('pulls an image no host has on the host chosen, and skips a host that cannot pull it, with its reason', async () => {
      if (!registry) throw new Error('no registry');
      const tag = uniqueName('t');
      const first = await registry.push(lab?.dockers[0] ?? '', lab?.image ?? '', 'plg-pull', `${tag}-a`);
      const second = await registry.push(lab?.dockers[0] ?? '', lab?.image ?? '', 'plg-pull', `${tag}-b`);
      // h1 pushed them: only the registry has these names now.
      await docker(1, ['rmi', first, second]);

      expect(await runDetached(`${stamp}-pulled`, ['-e', 'constraint:node==h2'], first)).toMatchObject({ code: 0 });
      expect(await hostHolding(`${stamp}-pulled`)).toEqual(['h2']);
      expect(await docker(2, ['image', 'inspect', '-f', '{{.Id}}', first])).toMatch(/^sha256:/);

      // h3 cannot reach the registry.
      await run('nsenter', [`--net=${netns(3)}`, 'iptables', '-I', 'OUTPUT', '-p', 'tcp', '-d', lab?.router ?? '', '--dport', String(registryPort), '-j', 'REJECT']);
      blocked.push(netns(3));
      const refused = await runDetached(`${stamp}-unpullable`, ['-e', 'constraint:node==h3'], second);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(`No host fits this container:\nh1: constraint not met: node==h3\nh2: constraint not met: node==h3\nh3: cannot pull ${second}:`);
      expect(await runDetached(`${stamp}-pulled-2`, ['-e', 'constraint:node!=h1'], second)).toMatchObject({ code: 0 });
      expect(await hostHolding(`${stamp}-pulled-2`)).toEqual(['h2']);
      await removeTestContainers();
      await docker(2, ['rmi', first, second]).catch(() => undefined);
    });

    it('pulls for a console create without a host too, and skips the host that cannot pull', async () => {
      if (!registry || !lab || !database) throw new Error('no registry');
      const image = await registry.push(lab.dockers[0] ?? '', lab.image, 'plg-pull', uniqueName('console'));
      await docker(1, ['rmi', image]);
      const context: ContainerContext = { handles: lab.dockers.map((url) => engineHandleFor(url, process.env)), flatNetwork: null };
      const admin: Actor = { username: `${stamp}-admin`, role: 'admin', address: 'test', database };
      const [labelKey = '', labelValue = ''] = TEST_LABEL.split('=');
      const request = (env: string[]) => createContainerSchema.parse({ image, command: ['sleep', '600'], labels: { [labelKey]: labelValue }, name: uniqueName('console-pull'), env });
      try {
        // h3 still cannot reach the registry (the test before blocked it).
        const refused = await createContainer(context, admin, request(['constraint:node==h3'])).then(() => null, (error: unknown) => error);
        if (!(refused instanceof NoHostFitsError)) throw new Error(`expected a NoHostFitsError, got ${String(refused)}`);
        expect(refused.reasons.at(-1)).toMatch(new RegExp(`^h3: cannot pull ${image.replaceAll('.', '\\.')}: `));
        const created = await createContainer(context, admin, request(['constraint:node!=h1']));
        expect(created.host).toBe('h2');
        expect(await docker(2, ['image', 'inspect', '-f', '{{.Id}}', image])).toMatch(/^sha256:/);
      } finally {
        stopEngines(context.handles);
        await removeTestContainers();
        await docker(2, ['rmi', image]).catch(() => undefined);
      }
    });

    it('docker pull through the gateway pulls on every host; X-Shipyard-Constraint pulls on the one it names', async () => {
      if (!registry || !lab) throw new Error('no registry');
      // The tests before blocked h3's way to the registry: open it again.
      for (const rule of blocked.splice(0)) await run('nsenter', [`--net=${rule}`, 'iptables', '-D', 'OUTPUT', '-p', 'tcp', '-d', lab.router, '--dport', String(registryPort), '-j', 'REJECT']);
      const everywhere = await registry.push(lab.dockers[0] ?? '', lab.image, 'plh-pull', uniqueName('all'));
      const one = await registry.push(lab.dockers[0] ?? '', lab.image, 'plh-pull', uniqueName('one'));
      await docker(1, ['rmi', everywhere, one]);
      const pulled = await cli(config.admin, ['pull', everywhere]);
      expect(pulled).toMatchObject({ code: 0, stderr: '' });
      for (const host of hostNames) expect(pulled.stdout).toContain(`${host}: Status: Downloaded newer image for ${everywhere}`);
      for (const index of [1, 2, 3]) expect(await docker(index, ['image', 'inspect', '-f', '{{.Id}}', everywhere])).toMatch(/^sha256:/);
      const dir = await configWith(config.admin, { 'X-Shipyard-Constraint': 'node==h3' });
      expect(await cli(dir, ['pull', one])).toMatchObject({ code: 0 });
      expect(await docker(3, ['image', 'inspect', '-f', '{{.Id}}', one])).toMatch(/^sha256:/);
      for (const index of [1, 2]) await expect(docker(index, ['image', 'inspect', '-f', '{{.Id}}', one])).rejects.toThrow();
      for (const index of [1, 2, 3]) await docker(index, ['rmi', everywhere, one]).catch(() => undefined);
    });
  });
});
