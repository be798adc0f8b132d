// kill -9 of the IPAM driver on a lab host, with nobody stepping in: the socket sidecar (under
// plugin/bin/supervise, as scripts/lab runs it) and the managed plugin (its driver process, which
// the plugin's own supervisor restarts, and the plugin's first process, which dockerd restarts)
// answer again, and containers and tasks on that host get addresses again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPoolAddress, removeTestContainers, startOnFlat } from './containers';
import { secondsUntilAnswer, shortSocketPath } from './driver-socket';
import { docker, isAlive, lab, labPid, run, uniqueName, waitUntil } from './support';
import { MANAGER, createSwarmFlatNetwork, pluginName, removeSwarmFlatNetwork, repairLabWithPlugin, waitForRunning } from './swarm-flat';

const VICTIM = 2;
/** The bound: a working driver within 5 s of the kill, without a person. */
const RECOVERY_LIMIT_S = 5;

/** Pids in host `host`'s network namespace whose command line contains `text`. */
async function pidsInHost(host: number, text: string): Promise<number[]> {
  const pids = (await run('ip', ['netns', 'pids', `${lab?.name ?? ''}-h${host}`])).split('\n').filter(Boolean).map(Number);
  return pids.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(text);
    } catch {
      return false;
    }
  });
}

/** The managed plugin's processes on a host: its first process (the supervisor) and the driver. */
async function pluginProcesses(host: number): Promise<{ init: number; driver: number }> {
  const [init] = await pidsInHost(host, '/app/dist/supervise.cjs');
  const driver = (await pidsInHost(host, '/app/dist/shipyard-ipam.cjs server')).find((pid) => pid !== init);
  if (init === undefined || driver === undefined) throw new Error(`h${host}: the managed plugin's processes are not running`);
  return { init, driver };
}

async function pluginSocket(host: number): Promise<string> {
  const id = await docker(host, ['plugin', 'inspect', '--format', '{{.Id}}', pluginName()]);
  return join(lab?.runDir ?? '', `h${host}`, 'plugins', id, 'shipyard-ipam.sock');
}

const hostCount = lab?.dockers.length ?? 0;

// Runs only against the multi-host lab (tests/lab/run, which `npm test` calls, sets its environment);
// without the lab, or with fewer hosts than the story needs, there is nothing real to test against.
describe.skipIf(!lab || hostCount < 3)('lab: a killed IPAM driver comes back by itself', () => {
  const network = uniqueName('swsup');
  const service = uniqueName('swsup');
  const image = lab?.image ?? '';
  let networkMade = false;
  let replicas = 0;

  beforeAll(repairLabWithPlugin, 300_000);
  afterAll(async () => {
    await docker(MANAGER, ['service', 'rm', service]).catch(() => undefined);
    await removeTestContainers();
    if (networkMade) await removeSwarmFlatNetwork(network).catch(() => undefined);
  }, 300_000);

  /** One more task of the service, placed on the victim host: it runs with a pool address. */
  async function oneMoreTaskOnVictim(): Promise<void> {
    if (!networkMade) {
      await createSwarmFlatNetwork(network);
      networkMade = true;
      await docker(MANAGER, [
        'service', 'create', '--detach', '--name', service, '--network', network, '--replicas', '0', '--constraint', `node.hostname==h${VICTIM}`,
        '--stop-grace-period', '1s', '--no-resolve-image', image, 'sleep', '3600',
      ]);
    }
    replicas += 1;
    await docker(MANAGER, ['service', 'scale', '--detach', `${service}=${replicas}`]);
    const tasks = await waitForRunning(service, network, replicas, 180_000);
    for (const task of tasks) expect(isPoolAddress(task.address), task.address).toBe(true);
  }

  it('the socket sidecar: kill -9, and it answers again within 5 s; a container then starts on the flat network', async () => {
    const socket = join(lab?.runDir ?? '', `h${VICTIM}`, 'plugins', 'talkingdata.sock');
    const before = labPid(`h${VICTIM}-ipam`);
    const killedAt = performance.now();
    process.kill(before, 'SIGKILL');
    const seconds = await secondsUntilAnswer(socket, killedAt, 30_000);
    console.log(`sidecar kill -9: answering again after ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(RECOVERY_LIMIT_S);
    expect(labPid(`h${VICTIM}-ipam`)).not.toBe(before);
    expect(isAlive(before)).toBe(false);
    expect(isPoolAddress(await startOnFlat(VICTIM, uniqueName('after-sidecar-kill')))).toBe(true);
  }, 300_000);

  it("the managed plugin's driver process: kill -9, and the plugin's supervisor has it answering within 5 s", async () => {
    await oneMoreTaskOnVictim();
    const link = shortSocketPath(await pluginSocket(VICTIM));
    try {
      const { init, driver } = await pluginProcesses(VICTIM);
      const killedAt = performance.now();
      process.kill(driver, 'SIGKILL');
      const seconds = await secondsUntilAnswer(link.path, killedAt, 30_000);
      console.log(`plugin driver kill -9: answering again after ${seconds.toFixed(2)} s`);
      expect(seconds).toBeLessThan(RECOVERY_LIMIT_S);
      const after = await pluginProcesses(VICTIM);
      expect(after.init).toBe(init);
      expect(after.driver).not.toBe(driver);
    } finally {
      link.remove();
    }
    await oneMoreTaskOnVictim();
  }, 600_000);

  it("the managed plugin's first process: kill -9, and dockerd starts the plugin again by itself", async () => {
    const link = shortSocketPath(await pluginSocket(VICTIM));
    try {
      const { init } = await pluginProcesses(VICTIM);
      const killedAt = performance.now();
      process.kill(init, 'SIGKILL');
      // dockerd tears the plugin down (its socket folder too) and starts it again: slower than
      // the supervisor, and bounded by the machine's load rather than by us.
      await waitUntil('the old plugin process gone', () => !isAlive(init), 30_000);
      // The old driver (its child) may answer for a moment after its parent died: wait for the
      // plugin dockerd starts again, then for its answer.
      const restarted = async () => (await pluginProcesses(VICTIM).catch(() => undefined))?.init;
      await waitUntil('dockerd starting the plugin again', async () => ![undefined, init].includes(await restarted()), 60_000);
      const seconds = await secondsUntilAnswer(link.path, killedAt, 60_000);
      console.log(`plugin first process kill -9: dockerd had it answering again after ${seconds.toFixed(2)} s`);
      expect((await pluginProcesses(VICTIM)).init).not.toBe(init);
      expect(await docker(VICTIM, ['plugin', 'inspect', '--format', '{{.Enabled}}', pluginName()])).toBe('true');
    } finally {
      link.remove();
    }
    await oneMoreTaskOnVictim();
  }, 600_000);
});
