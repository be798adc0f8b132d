// Swarm across the lab hosts: an overlay network made on the manager carries traffic between
// service tasks on different hosts, and the embedded DNS answers tasks.<service>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, lab, repairLab, uniqueName, waitUntil } from './support';

const MANAGER = 1;

async function taskContainer(host: number, service: string): Promise<string> {
  const ids = await docker(host, ['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${service}`]);
  return ids.split('\n')[0] ?? '';
}

async function execOk(host: number, container: string, script: string): Promise<boolean> {
  return docker(host, ['exec', container, 'sh', '-c', script], 60_000).then(
    () => true,
    () => false,
  );
}

describe.skipIf(!lab)('lab: swarm overlay between hosts', () => {
  const hosts = lab ? lab.dockers.map((_url, index) => index + 1) : [];
  const network = uniqueName('lab-overlay');
  const service = uniqueName('lab-svc');

  beforeAll(repairLab, 300_000);
  afterAll(async () => {
    await docker(MANAGER, ['service', 'rm', service]).catch(() => undefined);
    // The network can be removed once every task's endpoint is gone.
    await waitUntil('overlay network removal', () =>
      docker(MANAGER, ['network', 'rm', network]).then(() => true, () => false), 120_000).catch(() => undefined);
  }, 180_000);

  it('carries a ping between tasks on different hosts and resolves tasks.<service>', async () => {
    const image = lab?.image ?? '';
    await docker(MANAGER, ['network', 'create', '-d', 'overlay', '--attachable', network]);
    await docker(MANAGER, [
      'service', 'create', '--detach', '--name', service, '--mode', 'global', '--network', network,
      '--no-resolve-image', image, 'sleep', '3600',
    ]);
    const containers = new Map<number, string>();
    await waitUntil('a running task on every host', async () => {
      for (const host of hosts) containers.set(host, await taskContainer(host, service));
      return [...containers.values()].every((id) => id !== '');
    }, 240_000);

    const addressOf = async (host: number) =>
      docker(host, ['inspect', '--format', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, containers.get(host) ?? '']);
    const addresses = await Promise.all(hosts.map(addressOf));
    expect(new Set(addresses).size).toBe(hosts.length);

    const from = containers.get(MANAGER) ?? '';
    for (const address of addresses.slice(1)) {
      await waitUntil(`overlay ping to ${address}`, () => execOk(MANAGER, from, `ping -c1 -W2 ${address}`), 60_000);
    }
    let answer = '';
    await waitUntil(`tasks.${service} listing every task`, async () => {
      answer = await docker(MANAGER, ['exec', from, 'nslookup', `tasks.${service}`]).catch(() => '');
      return addresses.every((address) => answer.includes(address));
    }, 60_000);
    for (const address of addresses) expect(answer).toContain(address);
  }, 420_000);
});
