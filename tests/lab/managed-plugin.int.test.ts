// The IPAM driver as a managed plugin (npm run plugin:image; scripts/lab up installs it from the
// lab's registry) and a swarm service on the swarm-scoped flat network: its tasks get addresses
// from the same etcd pool as standalone containers, reach them and the router, fill the pool with
// a clear error, and give their addresses back when they end.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPoolAddress, removeTestContainers, startOnFlat, unreachableFrom } from './containers';
import { callDriver } from './driver-socket';
import { labPoolId, leakedAllocations, poolAllocations } from './pool-records';
import { docker, lab, uniqueName, waitUntil } from './support';
import {
  MANAGER, containerMacs, createSwarmFlatNetwork, hostNumbers, pluginName, removeSwarmFlatNetwork, repairLabWithPlugin, runningTasks, taskErrors,
  waitForRunning, type TaskView,
} from './swarm-flat';

/** Each task's address is in the pool, once, and etcd holds it for the task's own host and MAC. */
async function expectTasksInEtcd(tasks: readonly TaskView[]): Promise<void> {
  const addresses = tasks.map((task) => task.address);
  expect(new Set(addresses).size, addresses.join(' ')).toBe(tasks.length);
  for (const address of addresses) expect(isPoolAddress(address), address).toBe(true);
  const byAddress = new Map((await poolAllocations()).map((allocation) => [allocation.address, allocation]));
  for (const task of tasks) {
    expect(byAddress.get(task.address), `etcd record of ${task.address}`).toMatchObject({ host: `h${task.host}`, mac: task.mac.toLowerCase(), parked: false });
  }
}

/** Nothing in the pool belongs to a MAC that no container on any host has (within the sweeper's 5 s). */
async function expectNoLeaks(): Promise<void> {
  let leaks: unknown[] = [];
  await waitUntil('no leaked allocation in etcd', async () => {
    leaks = leakedAllocations(await poolAllocations(), await containerMacs());
    return leaks.length === 0;
  }, 60_000).catch(() => undefined);
  expect(leaks).toEqual([]);
}

const hostCount = lab?.dockers.length ?? 0;

// Runs only against the multi-host lab (tests/lab/run, which `npm test` calls, sets its environment);
// without the lab, or with fewer hosts than the story needs, there is nothing real to test against.
describe.skipIf(!lab || hostCount < 3)('lab: the managed IPAM plugin and a swarm-scoped flat network', () => {
  const network = uniqueName('swflat');
  const service = uniqueName('swsvc');
  const image = lab?.image ?? '';
  let networkMade = false;

  beforeAll(repairLabWithPlugin, 300_000);
  afterAll(async () => {
    await docker(MANAGER, ['service', 'rm', service]).catch(() => undefined);
    await removeTestContainers();
    if (networkMade) await removeSwarmFlatNetwork(network).catch(() => undefined);
  }, 300_000);

  it('is installed from the lab registry, enabled, on every host, each with its own host id', async () => {
    for (const host of hostNumbers()) {
      const out = await docker(host, ['plugin', 'inspect', '--format', '{{.Enabled}} {{.PluginReference}} {{json .Config.Interface.Types}} {{json .Settings.Env}}', pluginName()]);
      const [enabled, reference] = out.split(' ');
      expect(enabled).toBe('true');
      expect(reference).toMatch(new RegExp(`^${(lab?.router ?? '').replaceAll('.', '\\.')}:\\d+/shipyard-ipam:`));
      expect(out).toContain('"docker.ipamdriver/1.0"');
      expect(out).toContain(`"IPAM_HOST_ID=h${host}"`);
    }
  });

  it('gives a service its tasks addresses from the shared pool: create, scale, rolling update, scale down, remove', async () => {
    const standalone = uniqueName('standalone-h3');
    const standaloneAddress = await startOnFlat(3, standalone);
    await createSwarmFlatNetwork(network);
    networkMade = true;
    await docker(MANAGER, [
      'service', 'create', '--detach', '--name', service, '--network', network, '--replicas', '3', '--replicas-max-per-node', '1',
      '--stop-grace-period', '1s', '--no-resolve-image', image, 'sleep', '3600',
    ]);
    let tasks = await waitForRunning(service, network, 3);
    expect(tasks.map((task) => task.host).sort()).toEqual([1, 2, 3]);
    await expectTasksInEtcd(tasks);
    expect(tasks.map((task) => task.address)).not.toContain(standaloneAddress);

    // A task on h2 reaches a standalone container on h3 (the hosts' own bridge network) and the router.
    const onH2 = tasks.find((task) => task.host === 2);
    expect(await unreachableFrom(2, onH2?.container ?? '', [standaloneAddress, lab?.router ?? ''])).toEqual([]);

    await docker(MANAGER, ['service', 'update', '--detach', '--replicas-max-per-node', '2', '--replicas', '6', service]);
    tasks = await waitForRunning(service, network, 6);
    await expectTasksInEtcd(tasks);

    // Rolling update, two at a time: every replaced task's address goes back to the pool.
    await docker(MANAGER, ['service', 'update', '--detach', '--env-add', 'ROUND=2', '--update-parallelism', '2', service]);
    await waitUntil('the rolling update to complete', async () =>
      (await docker(MANAGER, ['service', 'inspect', '--format', '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}', service])) === 'completed', 300_000);
    tasks = await waitForRunning(service, network, 6);
    await expectTasksInEtcd(tasks);
    await expectNoLeaks();

    await docker(MANAGER, ['service', 'scale', '--detach', `${service}=2`]);
    tasks = await waitForRunning(service, network, 2);
    await expectTasksInEtcd(tasks);
    await expectNoLeaks();

    await docker(MANAGER, ['service', 'rm', service]);
    await waitUntil('the service\'s tasks gone', async () => (await runningTasks(service, network)).length === 0, 120_000);
    const kept = new Set(tasks.map((task) => task.address));
    await waitUntil('the last tasks\' addresses released', async () =>
      (await poolAllocations()).every((allocation) => !kept.has(allocation.address)), 60_000);
    await expectNoLeaks();
  }, 900_000);

  it('says "pool exhausted" in the task state when the pool is full, and runs the task once addresses are free', async () => {
    if (!networkMade) {
      await createSwarmFlatNetwork(network);
      networkMade = true;
    }
    // Fill all but two free addresses through h1's sidecar, as containers elsewhere would.
    const sidecar = join(lab?.runDir ?? '', 'h1', 'plugins', 'talkingdata.sock');
    const poolId = labPoolId();
    const [first, last] = lab?.pool ?? [100, 199];
    const free = last - first + 1 - (await poolAllocations()).length;
    const fillers: string[] = [];
    try {
      for (let index = 0; index < free - 2; index++) {
        const mac = `02:5f:${index.toString(16).padStart(2, '0')}:00:00:01`;
        const reply = await callDriver(sidecar, 'IpamDriver.RequestAddress', { PoolID: poolId, Address: '', Options: { 'com.docker.network.endpoint.macaddress': mac } }, 10_000);
        expect(reply.status, reply.body).toBe(200);
        fillers.push((JSON.parse(reply.body) as { Address: string }).Address);
      }
      await docker(MANAGER, [
        'service', 'create', '--detach', '--name', service, '--network', network, '--replicas', '4', '--stop-grace-period', '1s',
        '--no-resolve-image', image, 'sleep', '3600',
      ]);
      await waitUntil('a task refused with "pool exhausted"', async () => (await taskErrors(service)).some((error) => error.includes('pool exhausted')), 180_000);
      const errors = await taskErrors(service);
      expect(errors.find((error) => error.includes('pool exhausted'))).toMatch(/pool exhausted: every container address of .* is in use/);
      expect((await runningTasks(service, network)).length).toBeLessThanOrEqual(2);
    } finally {
      for (const address of fillers) {
        await callDriver(sidecar, 'IpamDriver.ReleaseAddress', { PoolID: poolId, Address: address }, 10_000).catch(() => undefined);
      }
    }
    // Swarm keeps retrying the refused tasks: with the addresses back they run.
    const tasks = await waitForRunning(service, network, 4, 300_000);
    await expectTasksInEtcd(tasks);
    await docker(MANAGER, ['service', 'rm', service]);
    await waitUntil('the service\'s tasks gone', async () => (await runningTasks(service, network)).length === 0, 120_000);
    await expectNoLeaks();
  }, 900_000);
});
