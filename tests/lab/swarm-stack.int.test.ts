// The console deployed as README "Deploy to a cluster" says: `docker stack deploy` of
// deploy/shipyard-stack.yml with deploy/etcd-3-members.yml on the lab's swarm (its three hosts
// made managers, one etcd member on each), images from the
// lab's registry. This machine's kernel has no IPVS, so Docker's routing mesh cannot publish here:
// the lab publishes on the replicas' hosts (SHIPYARD_PUBLISH_MODE=host) behind a load balancer on
// the router address (./lab-balancer.ts). Then one replica is killed and the console image is
// rolled, with requests running through the balancer, and the failed requests and latencies are reported.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp, whoAmI } from './console-session';
import { startLabBalancer, type LabBalancer } from './lab-balancer';
import { startLabRegistry, type LabRegistry } from './lab-registry';
import { startLoad, type LoadFigures } from './request-load';
import { docker, lab, repairLab, waitUntil } from './support';

const exec = promisify(execFile);
const MANAGER = 1;
const STACK = 'shipyard';
const CONSOLE = `${STACK}_console`;
const PORT = 8080;
const GATEWAY_PORT = 2375;
const composeFile = fileURLToPath(new URL('../../deploy/shipyard-stack.yml', import.meta.url));
const threeMembers = fileURLToPath(new URL('../../deploy/etcd-3-members.yml', import.meta.url));

/**
 * The stack's engine (scripts/stack), where `npm run image` built the images: the lab's env
 * replaced SHIPYARD_DOCKER, so tests/lab/run keeps it as SHIPYARD_STACK_DOCKER (else .state/env).
 */
function stackEngine(): string {
  if (process.env.SHIPYARD_STACK_DOCKER) return process.env.SHIPYARD_STACK_DOCKER;
  const file = join(process.env.SHIPYARD_STATE_DIR ?? fileURLToPath(new URL('../../.state', import.meta.url)), 'env');
  const match = /^export SHIPYARD_DOCKER=(\S+)$/m.exec(readFileSync(file, 'utf8'));
  if (!match?.[1]) throw new Error(`no SHIPYARD_DOCKER in ${file}: start the stack (scripts/stack up) and build the images (npm run image)`);
  return match[1];
}

async function runningTasks(service: string): Promise<number> {
  const states = await docker(MANAGER, ['service', 'ps', service, '--filter', 'desired-state=running', '--format', '{{.CurrentState}}']);
  return states.split('\n').filter((state) => state.startsWith('Running')).length;
}

/** The addresses of the hosts that run a console replica now. */
async function replicaHosts(subnetBase: string): Promise<string[]> {
  const nodes = await docker(MANAGER, ['service', 'ps', CONSOLE, '--filter', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}']);
  return nodes
    .split('\n')
    .filter((line) => line.includes(' Running'))
    .map((line) => `${subnetBase}.${line.replace(/^h(\d+) .*$/, '$1')}`);
}

async function healthOk(base: string): Promise<boolean> {
  try {
    const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

function report(name: string, figures: LoadFigures): void {
  console.log(`stack: ${name}: ${JSON.stringify(figures)}`);
  const dir = process.env.LAB_REPORT_DIR;
  if (dir) writeFileSync(join(dir, `stack-${name}.json`), JSON.stringify(figures, null, 2));
}

// Skipped only without the lab's environment, as every lab file: tests/support/require-lab.ts
// already fails the run in that case, so this guard never hides a lab that is up.
describe.skipIf(!lab)('lab: the console as a swarm stack', () => {
  const hosts = lab ? lab.dockers.map((_url, index) => `${lab?.subnetBase}.${index + 1}`) : [];
  const balanced = `http://${lab?.router}:${PORT}`;
  let registry: LabRegistry | undefined;
  let balancer: LabBalancer | undefined;
  const promoted = lab ? lab.dockers.map((_url, index) => `h${index + 1}`).slice(1) : [];
  let secrets = '';
  const images: Record<'console' | 'console2' | 'rethinkdb' | 'etcd', string> = { console: '', console2: '', rethinkdb: '', etcd: '' };
  let cookie = '';

  beforeAll(async () => {
    const environment = lab;
    if (!environment) return;
    await repairLab();
    const engine = stackEngine();
    registry = await startLabRegistry(environment.router);
    // Every host a manager: the console talks to its own node's engine, which must be a manager's.
    if (promoted.length > 0) await docker(MANAGER, ['node', 'promote', ...promoted]);
    for (const [index] of environment.dockers.entries()) await docker(MANAGER, ['node', 'update', '--label-add', `shipyard.etcd=${index + 1}`, `h${index + 1}`]);
    balancer = await startLabBalancer(environment.router, hosts, [PORT, GATEWAY_PORT]);
    // The rolling update's "new" console image: the same image with one more label.
    const context = mkdtempSync(join(tmpdir(), 'shipyard-rev2-'));
    writeFileSync(join(context, 'Dockerfile'), 'FROM shipyard:latest\nLABEL io.shipyard.revision=2\n');
    await exec('docker', ['-H', engine, 'build', '-q', '-t', 'shipyard:lab-rev2', context], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
    rmSync(context, { recursive: true, force: true });
    images.console = await registry.push(engine, 'shipyard:latest', 'shipyard', '1');
    images.console2 = await registry.push(engine, 'shipyard:lab-rev2', 'shipyard', '2');
    images.rethinkdb = await registry.push(engine, 'shipyard-reqlite:latest', 'shipyard-reqlite', '1');
    images.etcd = await registry.push(engine, 'shipyard-etcd:latest', 'shipyard-etcd', '1');

    secrets = mkdtempSync(join(tmpdir(), 'shipyard-stack-secret-'));
    writeFileSync(join(secrets, 'auth-secret'), (await exec('openssl', ['rand', '-base64', '33'])).stdout.trim());
    await docker(MANAGER, ['secret', 'create', 'shipyard_auth_secret', join(secrets, 'auth-secret')]);
    // The engine's socket: on a real cluster /var/run/docker.sock; each lab host has its own at
    // /run/docker/engine.sock (scripts/lab), the same file as SHIPYARD_LAB_DOCKERS names.
    const { stdout: socketGroup } = await exec('stat', ['-c', '%g', environment.manager.replace(/^unix:\/\//, '')]);
    await exec('docker', ['-H', environment.manager, 'stack', 'deploy', '-c', composeFile, '-c', threeMembers, STACK], {
      env: {
        ...process.env,
        SHIPYARD_IMAGE: images.console,
        SHIPYARD_RETHINKDB_IMAGE: images.rethinkdb,
        SHIPYARD_ETCD_IMAGE: images.etcd,
        DOCKER_GID: socketGroup.trim(),
        DOCKER_SOCKET: '/run/docker/engine.sock',
        SHIPYARD_PUBLISH_MODE: 'host',
        SHIPYARD_ETCD_ENDPOINTS: 'http://etcd:2379,http://etcd2:2379,http://etcd3:2379',
      },
      timeout: 120_000,
    });
    await waitUntil('2 console replicas running', async () => (await runningTasks(CONSOLE)) === 2, 240_000);
    await waitUntil('health ok on both replicas\' hosts and through the balancer', async () => {
      const replicas = await replicaHosts(environment.subnetBase);
      return replicas.length === 2 && (await Promise.all([...replicas.map((host) => `http://${host}:${PORT}`), balanced].map(healthOk))).every(Boolean);
    }, 120_000);
  }, 600_000);

  afterAll(async () => {
    if (!lab) return;
    await docker(MANAGER, ['stack', 'rm', STACK]).catch(() => undefined);
    await waitUntil('the stack\'s containers gone', async () => {
      const left = await Promise.all(lab?.dockers.map((_url, index) => docker(index + 1, ['ps', '-aq', '--filter', `label=com.docker.stack.namespace=${STACK}`])) ?? []);
      return left.every((ids) => ids === '');
    }, 120_000).catch(() => undefined);
    await docker(MANAGER, ['secret', 'rm', 'shipyard_auth_secret']).catch(() => undefined);
    for (const [index] of lab.dockers.entries()) {
      for (const volume of ['etcd-data', 'etcd2-data', 'etcd3-data', 'rethinkdb-data']) await docker(index + 1, ['volume', 'rm', `${STACK}_${volume}`]).catch(() => undefined);
    }
    await waitUntil('the stack network gone', () => docker(MANAGER, ['network', 'rm', `${STACK}_shipyard`]).then(() => true, (error: Error) => /not found|No such/i.test(error.message)), 60_000).catch(() => undefined);
    for (const [index] of lab.dockers.entries()) await docker(MANAGER, ['node', 'update', '--label-rm', 'shipyard.etcd', `h${index + 1}`]).catch(() => undefined);
    if (promoted.length > 0) await docker(MANAGER, ['node', 'demote', ...promoted]).catch(() => undefined);
    await balancer?.stop();
    await registry?.stop();
    const engine = process.env.SHIPYARD_STACK_DOCKER;
    if (engine) await exec('docker', ['-H', engine, 'rmi', 'shipyard:lab-rev2']).catch(() => undefined);
    if (secrets) rmSync(secrets, { recursive: true, force: true });
  }, 300_000);

  it('signs in on each replica\'s host and through the balancer; a session from one is good on the others', async () => {
    const replicas = (await replicaHosts(lab?.subnetBase ?? '')).map((host) => `http://${host}:${PORT}`);
    expect(replicas).toHaveLength(2);
    const bases = [...replicas, balanced];
    for (const base of bases) {
      const session = await signInOverHttp(base, 'admin', 'shipyard');
      for (const other of bases) expect(await whoAmI(other, session)).toBe('admin');
      cookie = session;
    }
    // The gateway (SHIPYARD_GATEWAY_LISTEN in the compose file) answers too, and wants a token.
    for (const address of [...replicas.map((base) => new URL(base).hostname), lab?.router ?? '']) {
      const response = await fetch(`http://${address}:${GATEWAY_PORT}/v1.41/version`, { signal: AbortSignal.timeout(10_000) });
      expect(response.status).toBe(401);
    }
  });

  it('runs etcd as three members, one on each manager, that the console reaches by name', async () => {
    const nodes = await docker(MANAGER, ['service', 'ps', `${STACK}_etcd`, `${STACK}_etcd2`, `${STACK}_etcd3`, '--filter', 'desired-state=running', '--format', '{{.Node}}']);
    expect(nodes.split('\n').sort()).toEqual(['h1', 'h2', 'h3']);
    const [replicaHost] = await replicaHosts(lab?.subnetBase ?? '');
    const host = Number(replicaHost?.split('.')[3]);
    const container = (await docker(host, ['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${CONSOLE}`])).split('\n')[0] ?? '';
    const script = "fetch('http://etcd2:2379/v3/cluster/member/list',{method:'POST',body:'{}'}).then((r)=>r.json()).then((j)=>console.log(j.members.map((m)=>m.name).sort().join(',')))";
    expect(await docker(host, ['exec', container, 'node', '-e', script])).toBe('etcd,etcd2,etcd3');
  });

  it('keeps serving while one console replica is killed and swarm replaces it', async () => {
    expect(cookie).not.toBe('');
    const load = startLoad([`${balanced}/api/v1/me`], { cookie });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const [victimHost] = await replicaHosts(lab?.subnetBase ?? '');
    const host = Number(victimHost?.split('.')[3]);
    const victim = (await docker(host, ['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${CONSOLE}`])).split('\n')[0] ?? '';
    expect(victim).not.toBe('');
    await docker(host, ['kill', victim]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await waitUntil('the killed replica replaced', async () => (await runningTasks(CONSOLE)) === 2, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const figures = await load.stop();
    report('failover', figures);
    expect(figures.requests - figures.failed).toBeGreaterThan(50);
    expect(figures.failed / figures.requests).toBeLessThan(0.05);
  });

  it('rolls the console image with requests running', async () => {
    const load = startLoad([`${balanced}/api/v1/me`], { cookie });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await docker(MANAGER, ['service', 'update', '--detach=false', '--quiet', '--image', images.console2, CONSOLE], 300_000);
    // Done when swarm says so: after the last replica's monitor period (update_config.monitor).
    const updateState = () => docker(MANAGER, ['service', 'inspect', '--format', '{{.UpdateStatus.State}}', CONSOLE]);
    await waitUntil('the rolling update completed', async () => ['completed', 'rollback_completed', 'paused'].includes(await updateState()), 180_000);
    const figures = await load.stop();
    report('rolling-update', figures);
    expect(await updateState()).toBe('completed');
    const image = await docker(MANAGER, ['service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', CONSOLE]);
    expect(image.startsWith(`${images.console2}@sha256:`) || image === images.console2).toBe(true);
    expect(await runningTasks(CONSOLE)).toBe(2);
    expect(figures.requests - figures.failed).toBeGreaterThan(50);
    expect(figures.failed / figures.requests).toBeLessThan(0.02);
  });
});
