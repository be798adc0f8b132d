// A container keeps its flat-network address across a restart of its host's dockerd (docs/ipam.md,
// sticky addresses): created with a MAC of its own and a restart policy, it is stopped with the
// daemon (Docker releases the address; the sidecar parks it), another host's container starts
// meanwhile and gets another address, and the container comes back with the same one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flatAddress, isPoolAddress, removeTestContainers, startOnFlat } from './containers';
import { poolAllocations } from './pool-records';
import { TEST_LABEL, docker, isAlive, lab, labCommand, labPid, repairLab, run, uniqueName, waitUntil } from './support';

const HOST = 3;

/**
 * Created through the Engine API (as the console creates containers): the docker CLI here refuses
 * --mac-address with --network against the engine's API 1.41.
 */
async function createWithMac(name: string, mac: string): Promise<void> {
  const socket = (lab?.dockers[HOST - 1] ?? '').slice('unix://'.length);
  const [labelKey = '', labelValue = ''] = TEST_LABEL.split('=');
  const body = {
    Image: lab?.image, Cmd: ['sleep', '3600'], MacAddress: mac, StopTimeout: 1, Labels: { [labelKey]: labelValue },
    HostConfig: { NetworkMode: lab?.network, RestartPolicy: { Name: 'always' } },
  };
  await run('curl', [
    '-fsS', '--unix-socket', socket, '-X', 'POST', '-H', 'Content-Type: application/json', '-d', JSON.stringify(body),
    `http://engine/v1.41/containers/create?name=${encodeURIComponent(name)}`,
  ]);
}

function randomMac(): string {
  const byte = () => Math.floor(Math.random() * 256).toString(16).padStart(2, '0');
  return `02:42:${byte()}:${byte()}:${byte()}:${byte()}`;
}

// Runs only against the multi-host lab (tests/lab/run, which `npm test` calls, sets its environment);
// without the lab, or with fewer hosts than the story needs, there is nothing real to test against.
describe.skipIf(!lab || (lab?.dockers.length ?? 0) < 3)("lab: a container's address across a dockerd restart", () => {
  beforeAll(repairLab, 300_000);
  afterAll(removeTestContainers, 300_000);

  it('comes back with the same address after its dockerd restarts, and frees it when removed', async () => {
    const name = uniqueName('sticky-restart');
    const mac = randomMac();
    await createWithMac(name, mac);
    await docker(HOST, ['start', name]);
    const address = await flatAddress(HOST, name);
    expect(isPoolAddress(address)).toBe(true);

    const daemon = labPid(`h${HOST}-dockerd`);
    process.kill(daemon, 'SIGTERM');
    try {
      await waitUntil(`h${HOST} dockerd to stop`, () => !isAlive(daemon), 120_000);
      const parked = (await poolAllocations()).find((allocation) => allocation.address === address);
      expect(parked).toMatchObject({ host: `h${HOST}`, mac, parked: true });
      // Meanwhile another host starts a container: it must not get the parked address.
      const other = await startOnFlat(1, uniqueName('while-h3-down'));
      expect(other).not.toBe(address);
    } finally {
      await labCommand(['up']);
    }
    await waitUntil(`${name} running again`, async () =>
      (await docker(HOST, ['inspect', '--format', '{{.State.Running}}', name]).catch(() => '')) === 'true', 180_000);
    expect(await flatAddress(HOST, name)).toBe(address);
    expect((await poolAllocations()).find((allocation) => allocation.address === address)).toMatchObject({ host: `h${HOST}`, mac, parked: false });

    await docker(HOST, ['rm', '-f', name]);
    await waitUntil(`${address} freed`, async () => !(await poolAllocations()).some((allocation) => allocation.address === address), 30_000);
  }, 600_000);
});
