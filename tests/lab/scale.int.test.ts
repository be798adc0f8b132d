// Many containers at once on every host: the etcd pool hands out distinct addresses only, and
// each container is reachable from another host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flatAddresses, isPoolAddress, removeTestContainers, unreachableFrom } from './containers';
import { TEST_LABEL, docker, lab, repairLab, uniqueName } from './support';

const PER_HOST = 20;

describe.skipIf(!lab)('lab: containers started at once on every host', () => {
  const hosts = lab ? lab.dockers.map((_url, index) => index + 1) : [];

  beforeAll(repairLab, 300_000);
  afterAll(removeTestContainers, 300_000);

  it(`gives ${PER_HOST} containers per host distinct addresses, all reachable from another host`, async () => {
    const { network, image } = lab ?? { network: '', image: '' };
    const prefix = uniqueName('scale');
    const namesOf = (host: number) => Array.from({ length: PER_HOST }, (_unused, index) => `${prefix}-h${host}-${index}`);

    // Every `docker run` of every host in flight together: the allocations race in etcd.
    await Promise.all(
      hosts.flatMap((host) =>
        namesOf(host).map((name) =>
          docker(host, ['run', '-d', '--name', name, '--label', TEST_LABEL, '--network', network, image, 'sleep', '3600'], 300_000),
        ),
      ),
    );
    const byHost = await Promise.all(hosts.map((host) => flatAddresses(host, namesOf(host))));
    const all = byHost.flat();

    expect(all).toHaveLength(hosts.length * PER_HOST);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((address) => !isPoolAddress(address))).toEqual([]);

    // Each host's containers are pinged from the first container of the next host.
    for (const [index, host] of hosts.entries()) {
      const prober = hosts[(index + 1) % hosts.length] ?? host;
      const [probe = ''] = namesOf(prober);
      expect(await unreachableFrom(prober, probe, byHost[index] ?? []), `from h${prober} to h${host}`).toEqual([]);
    }
  }, 600_000);
});
